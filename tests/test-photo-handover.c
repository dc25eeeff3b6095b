/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos leaving by a share page or Copy (issue 20 point 8): the thumbnail opens the photo
 * large with a real Enter key, Escape closes it; after the share page opens, Photos to Attach
 * offers clean copies only (no GPS, 0600, in Pictures/SocialGuard/<post>), copies one to the
 * clipboard as a picture, offers its file to a drag and shows it in Files; a photo whose clean
 * copy cannot be made is said to have failed and nothing is offered for it. The browser and
 * the file manager are a script that writes down what it was asked to open. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-attach-photos-window.h"
#include "sg-compose-page.h"
#include "sg-draft-photos.h"
#include "sg-image-metadata.h"
#include "sg-photo-check-window.h"
#include "sg-photo-picture.h"
#include "sg-photo-strip.h"
#include "sg-photo-view-window.h"
#include "sg-preflight-dialog.h"
#include "sg-publications.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"
#include "sg-test-photos.h"
#include "sg-window.h"

#define ALT "Sunrise over the city from a roof garden"

static SgApplication *app;
static char *home;
static char *opened_log;   /* what the fake browser and file manager were asked to open */

static SgComposePage *
get_page (void)
{
  return sg_window_get_compose_page (sg_test_app_window (app));
}

static SgStore *
get_store (void)
{
  return sg_context_get_store (sg_application_get_context (app));
}

/* Keyboard focus to the window holding @widget, as a click on it would give. */
static void
focus_window (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sg_test_iterate (150);
}

/* A real click in the middle of @widget, through the X server. */
static void
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_point_t p;
  double dx, dy;
  int status = 0;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &p));
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (p.x + dx));
  y = g_strdup_printf ("%d", (int) (p.y + dy));
  {
    const char *move[] = { "xdotool", "mousemove", "--sync", "--window", xid, x, y, NULL };
    const char *press_button[] = { "xdotool", "click", "1", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) move, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    sg_test_iterate (100);
    g_assert_true (g_spawn_sync (NULL, (char **) press_button, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                 NULL, NULL, NULL, &status, NULL));
    sg_test_iterate (150);
  }
}

static gboolean
not_checking (gpointer data)
{
  return !sg_compose_page_is_checking (get_page ());
}

static guint want_photos;

static gboolean
strip_settled (gpointer data)
{
  SgPhotoStrip *strip = sg_compose_page_get_photo_strip (get_page ());

  return !sg_photo_strip_is_busy (strip) && sg_photo_strip_get_photos (strip)->len == want_photos;
}

static void
wait_for_photos (guint n)
{
  want_photos = n;
  g_assert_true (sg_test_wait (strip_settled, NULL, 10000));
  g_assert_true (sg_test_wait (not_checking, NULL, 10000));
}

static gboolean
attach_settled (gpointer window)
{
  return !sg_attach_photos_window_get_busy (window);
}

static gboolean
picture_loaded (gpointer picture)
{
  return sg_photo_picture_get_texture (picture) != NULL;
}

static gboolean
opened_contains (gpointer what)
{
  g_autofree char *log = NULL;

  return g_file_get_contents (opened_log, &log, NULL, NULL) && strstr (log, what) != NULL;
}

static void
texture_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

static void
text_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
}

/* The pre-flight: the photos' location needs a reason (the copies will not carry it, but the
 * check is about the originals as attached); then the route chosen, with a real click. */
static void
publish_by (const char *button)
{
  SgComposePage *page = get_page ();
  AdwMessageDialog *dialog;
  GPtrArray *reasons;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "compose.publish", NULL));
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (SG_TYPE_PREFLIGHT_DIALOG),
                               5000));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (SG_TYPE_PREFLIGHT_DIALOG));
  /* It tells the truth about the photos. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Copying and share pages take the text only: SocialGuard then shows "
                            "clean copies of the photos"));
  reasons = sg_preflight_dialog_get_reasons (SG_PREFLIGHT_DIALOG (dialog));
  for (guint i = 0; i < reasons->len; i++)
    gtk_editable_set_text (g_ptr_array_index (reasons, i), "They are cleaned before they go");
  sg_test_iterate (200);
  focus_window (GTK_WIDGET (dialog));
  click (sg_test_find_mapped_button (GTK_WIDGET (dialog), button));
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (SG_TYPE_ATTACH_PHOTOS_WINDOW), 5000));
}

static void
screenshots (GtkWindow *window)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct { int width; const char *name; gboolean dark; } shots[] = {
    { 600, "attach-photos-600", FALSE },
    { 600, "attach-photos-600-dark", TRUE },
    { 1200, "attach-photos-wide", FALSE },
    { 1200, "attach-photos-wide-dark", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *shot = NULL;

      adw_style_manager_set_color_scheme (style, shots[i].dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (window, shots[i].width, 900);
      sg_test_iterate (500);
      shot = sg_test_save_png (GTK_WIDGET (window), shots[i].name);
      g_test_message ("Screenshot: %s (%d px wide)", shot, gtk_widget_get_width (GTK_WIDGET (window)));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_share_hands_over_clean_copies (void)
{
  SgComposePage *page = get_page ();
  SgPhotoStrip *strip = sg_compose_page_get_photo_strip (page);
  g_autofree char *dir = g_dir_make_tmp ("sg-handover-XXXXXX", NULL);
  g_autofree char *original = sg_test_make_located_photo (dir, "roof-garden.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (original);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *pictures = g_build_filename (home, "Pictures", "SocialGuard", NULL);
  GtkWindow *window;
  GtkWidget *thumbnail, *picture;
  GList files = { file, NULL, NULL };

  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real key events need xdotool and an X display (Xvfb)");
      return;
    }
  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  window = GTK_WINDOW (sg_test_app_window (app));
  gtk_window_present (window);
  sg_test_iterate (300);
  sg_compose_page_set_platform (page, "x");
  gtk_text_buffer_set_text (sg_compose_page_get_buffer (page),
                            "Sunrise from the roof garden after nights. Worth it.", -1);
  sg_photo_strip_add_files (strip, &files);
  wait_for_photos (1);
  sg_photo_strip_set_checked (strip, 0, 0x1f);
  wait_for_photos (1);
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (GTK_WIDGET (page),
                                                              "Description of photo 1")), ALT);
  wait_for_photos (1);
  g_assert_null (((SgDraftPhoto *) g_ptr_array_index (sg_photo_strip_get_photos (strip), 0))->clean_path);
  /* A pasted screenshot as photo 2: a PNG, handed over as a PNG. */
  {
    g_autoptr(GdkPixbuf) shot = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 20, 10);
    g_autoptr(GdkTexture) texture = NULL;

    gdk_pixbuf_fill (shot, 0x22aa44ff);
    texture = gdk_texture_new_for_pixbuf (shot);
    sg_photo_strip_add_texture (strip, texture);
    wait_for_photos (2);
    sg_photo_strip_set_checked (strip, 1, 0x1f);
    wait_for_photos (2);
  }

  /* The thumbnail, with a real Enter key: the photo large; Escape closes it. */
  thumbnail = sg_test_find_by_label (GTK_WIDGET (page), "Show photo 1 large");
  g_assert_nonnull (thumbnail);
  focus_window (GTK_WIDGET (window));
  gtk_widget_grab_focus (thumbnail);
  sg_test_iterate (100);
  g_assert_true (gtk_widget_has_focus (thumbnail));
  sg_test_press_keys ("Return");
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (SG_TYPE_PHOTO_VIEW_WINDOW),
                               5000));
  {
    GtkWindow *view = sg_test_find_toplevel (SG_TYPE_PHOTO_VIEW_WINDOW);
    GtkWidget *large = sg_test_find_by_label (GTK_WIDGET (view), "Photo 1: " ALT);
    g_autofree char *shot = NULL;

    g_assert_nonnull (large);
    g_assert_true (sg_test_wait (picture_loaded, large, 5000));
    g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (view), ALT));
    sg_test_iterate (300);
    /* Larger than the card's 72 px by far. */
    g_assert_cmpint (gtk_widget_get_height (large), >, 300);
    shot = sg_test_save_png (GTK_WIDGET (view), "photo-view");
    g_test_message ("Screenshot: %s", shot);
    focus_window (GTK_WIDGET (view));
    sg_test_press_keys ("Escape");
    sg_test_iterate (200);
    g_assert_null (sg_test_find_toplevel (SG_TYPE_PHOTO_VIEW_WINDOW));
  }

  /* From Details too, with a real click; Escape closes the large view. */
  click (sg_test_find_by_label (GTK_WIDGET (page), "Details of photo 1"));
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (SG_TYPE_PHOTO_CHECK_WINDOW), 5000));
  {
    GtkWindow *details = sg_test_find_toplevel (SG_TYPE_PHOTO_CHECK_WINDOW);

    sg_test_iterate (300);
    focus_window (GTK_WIDGET (details));
    click (sg_test_find_mapped_button (GTK_WIDGET (details), "Show Photo _Large"));
    g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (SG_TYPE_PHOTO_VIEW_WINDOW), 5000));
    focus_window (GTK_WIDGET (sg_test_find_toplevel (SG_TYPE_PHOTO_VIEW_WINDOW)));
    sg_test_press_keys ("Escape");
    sg_test_iterate (200);
    g_assert_null (sg_test_find_toplevel (SG_TYPE_PHOTO_VIEW_WINDOW));
    gtk_window_destroy (details);
    sg_test_iterate (200);
  }

  /* Published by the share page: the page opens, then the photos to attach. */
  publish_by ("_Open Share Page");
  g_assert_true (sg_test_wait (opened_contains, (gpointer) "https://x.com/intent/post?text=", 5000));
  {
    SgAttachPhotosWindow *attach = SG_ATTACH_PHOTOS_WINDOW (sg_test_find_toplevel (SG_TYPE_ATTACH_PHOTOS_WINDOW));
    g_autoptr(SgImageMetadata) before = sg_image_metadata_read (original, &error);
    g_autoptr(SgImageMetadata) after = NULL;
    g_autoptr(GdkContentProvider) content = NULL;
    g_autoptr(GdkTexture) pasted = NULL;
    g_autofree char *text = NULL;
    GValue value = G_VALUE_INIT;
    GStatBuf st;
    GtkWidget *button;

    g_assert_true (sg_test_wait (attach_settled, attach, 10000));
    picture = sg_test_find_by_label (GTK_WIDGET (attach), "Photo 1: " ALT);
    g_assert_nonnull (picture);
    g_assert_true (sg_test_wait (picture_loaded, picture, 5000));
    copy = g_strdup (sg_photo_picture_get_path (SG_PHOTO_PICTURE (picture)));

    /* A clean copy in its own folder under Pictures/SocialGuard; the original is untouched. */
    g_assert_true (g_str_has_prefix (copy, pictures));
    g_assert_true (g_str_has_suffix (copy, "/Photo 1.jpg"));
    g_assert_cmpstr (sg_attach_photos_window_get_folder (attach), !=, NULL);
    g_assert_no_error (error);
    g_assert_true (before->has_location);
    after = sg_image_metadata_read (copy, &error);
    g_assert_no_error (error);
    g_assert_false (after->has_location);
    g_assert_cmpuint (after->n_tags, ==, 0);
    g_assert_cmpuint (sg_image_metadata_get_facts (after), ==, 0);
    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (g_stat (sg_attach_photos_window_get_folder (attach), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    g_assert_cmpint (g_stat (pictures, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    g_assert_nonnull (sg_test_find_label_containing (GTK_WIDGET (attach),
                                                     "Saved in Pictures › SocialGuard › "));

    /* A drag of the picture offers that file, and only that file. */
    content = sg_photo_picture_make_content (SG_PHOTO_PICTURE (picture));
    g_assert_nonnull (content);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_assert_true (gdk_content_provider_get_value (content, &value, &error));
    g_assert_no_error (error);
    {
      GSList *list = g_value_get_boxed (&value);
      g_autofree char *dragged = g_file_get_path (list->data);

      g_assert_cmpuint (g_slist_length (list), ==, 1);
      g_assert_cmpstr (dragged, ==, copy);
    }
    g_value_unset (&value);

    /* Copy Photo, clicked: a picture on the clipboard, read back. */
    sg_test_iterate (300);
    focus_window (GTK_WIDGET (attach));
    button = sg_test_find_by_label (GTK_WIDGET (attach), "Copy photo 1");
    g_assert_true (gtk_widget_get_sensitive (button));
    click (button);
    gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (button), NULL, texture_read_cb,
                                      &pasted);
    g_assert_true (sg_test_wait (is_set, &pasted, 5000));
    g_assert_cmpint (gdk_texture_get_width (pasted), ==, 64);
    g_assert_cmpint (gdk_texture_get_height (pasted), ==, 48);

    /* The description, for the platform's alt text field; by keyboard, since the toast now
     * lies over the buttons. */
    gtk_widget_grab_focus (sg_test_find_by_label (GTK_WIDGET (attach), "Copy description of photo 1"));
    sg_test_press_keys ("space");
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (button), NULL, text_read_cb, &text);
    g_assert_true (sg_test_wait (is_set, &text, 5000));
    g_assert_cmpstr (text, ==, ALT);

    /* Show in Files: no FileManager1 on this bus, so the folder itself is opened (GIO hands
     * a local folder to the opener as a path). */
    gtk_widget_grab_focus (sg_test_find_by_label (GTK_WIDGET (attach), "Show photo 1 in Files"));
    sg_test_press_keys ("space");
    g_assert_true (sg_test_wait (opened_contains,
                                 (gpointer) sg_attach_photos_window_get_folder (attach), 5000));

    /* The pasted picture: a PNG that carries nothing either. */
    {
      GtkWidget *png = sg_test_find_by_label (GTK_WIDGET (attach), "Photo 2");
      const char *path;
      g_autoptr(SgImageMetadata) m = NULL;

      g_assert_nonnull (png);
      g_assert_true (sg_test_wait (picture_loaded, png, 5000));
      path = sg_photo_picture_get_path (SG_PHOTO_PICTURE (png));
      g_assert_true (g_str_has_suffix (path, "/Photo 2.png"));
      m = sg_image_metadata_read (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (m->n_tags, ==, 0);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

    screenshots (GTK_WINDOW (attach));
    gtk_window_destroy (GTK_WINDOW (attach));
  }

  /* History has the post, with its photo. */
  {
    g_autoptr(GPtrArray) log = sg_publications_list (get_store (), "roof garden", &error);
    SgPublication *p;

    g_assert_no_error (error);
    g_assert_cmpuint (log->len, ==, 1);
    p = g_ptr_array_index (log, 0);
    g_assert_cmpstr (p->method, ==, "share");
    g_assert_nonnull (strstr (p->photos, "Photo 1, roof-garden.jpg"));
  }
}

/* Nothing is offered for a photo whose clean copy cannot be made: not its picture, not a
 * button, not a file. Photo 3's original is gone by the time it is copied; photo 4's has
 * been overwritten with something that is not a picture. Photos 1 and 2 are still handed
 * over. */
static gboolean
offers_nothing (SgAttachPhotosWindow *attach,
                guint                 n)
{
  g_autofree char *picture_label = g_strdup_printf ("Photo %u", n);
  g_autofree char *copy_label = g_strdup_printf ("Copy photo %u", n);
  g_autofree char *show_label = g_strdup_printf ("Show photo %u in Files", n);
  GtkWidget *picture = sg_test_find_by_label (GTK_WIDGET (attach), picture_label);
  GtkWidget *copy = sg_test_find_by_label (GTK_WIDGET (attach), copy_label);
  GtkWidget *show = sg_test_find_by_label (GTK_WIDGET (attach), show_label);
  g_autoptr(GdkContentProvider) content = NULL;
  const char *extensions[] = { "jpg", "png" };

  if (picture != NULL && (gtk_widget_get_mapped (picture) ||
                          (content = sg_photo_picture_make_content (SG_PHOTO_PICTURE (picture))) != NULL))
    return FALSE;
  if ((copy != NULL && gtk_widget_get_mapped (copy)) || (show != NULL && gtk_widget_get_mapped (show)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("Photo %u.%s", n, extensions[i]);
      g_autofree char *path = g_build_filename (sg_attach_photos_window_get_folder (attach), name,
                                                NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return FALSE;
    }
  return TRUE;
}

static void
test_failed_copy_offers_nothing (void)
{
  SgComposePage *page = get_page ();
  SgPhotoStrip *strip = sg_compose_page_get_photo_strip (page);
  g_autofree char *dir = g_dir_make_tmp ("sg-handover-XXXXXX", NULL);
  g_autofree char *gone = sg_test_make_located_photo (dir, "ward-view.jpg");
  g_autofree char *damaged = sg_test_make_located_photo (dir, "corridor.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (gone);
  g_autoptr(GFile) damaged_file = g_file_new_for_path (damaged);
  GList files2 = { damaged_file, NULL, NULL };
  GList files = { file, &files2, NULL };
  SgAttachPhotosWindow *attach;

  files2.prev = &files;
  sg_photo_strip_add_files (strip, &files);
  wait_for_photos (4);
  sg_photo_strip_set_checked (strip, 2, 0x1f);
  wait_for_photos (4);
  sg_photo_strip_set_checked (strip, 3, 0x1f);
  wait_for_photos (4);
  g_assert_cmpint (g_unlink (gone), ==, 0);
  g_assert_true (g_file_set_contents (damaged, "these are not pixels", -1, NULL));

  publish_by ("_Copy Text");
  attach = SG_ATTACH_PHOTOS_WINDOW (sg_test_find_toplevel (SG_TYPE_ATTACH_PHOTOS_WINDOW));
  g_assert_true (sg_test_wait (attach_settled, attach, 10000));
  sg_test_iterate (300);
  g_assert_nonnull (sg_test_find_label_containing (GTK_WIDGET (attach),
                                                   "Your text is on the clipboard"));
  g_assert_nonnull (sg_test_find_label_containing (GTK_WIDGET (attach),
                                                   "Photo 3 could not be cleaned, so it is not "
                                                   "offered here: “ward-view.jpg” is no longer "
                                                   "where it was attached from"));
  g_assert_nonnull (sg_test_find_label_containing (GTK_WIDGET (attach),
                                                   "Photo 4 could not be cleaned, so it is not "
                                                   "offered here"));
  /* Photos 1 and 2 are offered; nothing of photos 3 and 4 is on screen or on disk. */
  g_assert_true (gtk_widget_get_mapped (sg_test_find_by_label (GTK_WIDGET (attach), "Copy photo 1")));
  g_assert_true (offers_nothing (attach, 3));
  g_assert_true (offers_nothing (attach, 4));
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (attach), "attach-photos-failed");
    g_test_message ("Screenshot: %s", shot);
  }
  gtk_window_destroy (GTK_WINDOW (attach));
}

/* The browser and the file manager: a script that writes down the address it was given. */
static void
fake_openers (void)
{
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *apps = g_build_filename (home, "data", "applications", NULL);
  g_autofree char *script = g_build_filename (home, "fake-open", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *path = NULL;

  opened_log = g_build_filename (home, "opened", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", opened_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake Opener\n"
                             "Exec=%s %%u\nMimeType=x-scheme-handler/https;inode/directory;\n",
                             script);
  path = g_build_filename (apps, "sg-fake-open.desktop", NULL);
  g_assert_true (g_file_set_contents (path, desktop, -1, NULL));
  g_free (path);
  path = g_build_filename (config, "mimeapps.list", NULL);
  g_assert_true (g_file_set_contents (path, "[Default Applications]\n"
                                            "x-scheme-handler/https=sg-fake-open.desktop\n"
                                            "inode/directory=sg-fake-open.desktop\n", -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  home = sg_test_gui_init (&argc, &argv);
  fake_openers ();

  app = sg_application_new ();
  g_test_add_func ("/sg/photo-handover/share", test_share_hands_over_clean_copies);
  g_test_add_func ("/sg/photo-handover/failed-copy", test_failed_copy_offers_nothing);
  return sg_test_gui_run ((GApplication **) &app, g_strdup (home));
}
