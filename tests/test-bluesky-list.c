/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signed-in account's own Bluesky posts over the API (com.atproto.repo.listRecords): a
 * loopback server plays the PDS over three pages, with a session that runs out on the way;
 * the posts arrive whole and in order, and an audit of them is stored like any other. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sg-audit.h"
#include "sg-audit-item.h"
#include "sg-bluesky-client.h"
#include "sg-bluesky-record.h"
#include "sg-error.h"
#include "sg-rule-pack.h"
#include "sg-test-async.h"
#include "sg-test-server.h"
#include "sg-test-store.h"

#define RESPECT_POST    "Another night of bed blockers and frequent flyers. Why do we bother."
#define DEFAMATION_POST "Dr Alan Pryce at Westfield General has been falsifying his mortality data."

/* Three pages, newest first as the PDS lists them. The second is first refused with
 * ExpiredToken, as when the access token runs out during a long listing. */
static const char *pages[] = {
  "{\"cursor\":\"c1\",\"records\":["
  "{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k5\",\"cid\":\"b5\",\"value\":{"
  "\"$type\":\"app.bsky.feed.post\",\"text\":\"" RESPECT_POST "\","
  "\"createdAt\":\"2024-05-05T21:00:00.000Z\"}},"
  "{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k4\",\"cid\":\"b4\",\"value\":{"
  "\"$type\":\"app.bsky.feed.post\",\"text\":\"Our new clinic, photos below\","
  "\"createdAt\":\"2024-04-04T10:30:00.000+01:00\",\"embed\":{\"$type\":\"app.bsky.embed.images\","
  "\"images\":[{\"alt\":\"The waiting room\",\"image\":{}},{\"image\":{}}]}}}]}",

  "{\"cursor\":\"c2\",\"records\":["
  "{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k3\",\"cid\":\"b3\",\"value\":{"
  "\"$type\":\"app.bsky.feed.post\",\"text\":\"Read this: example.org/a/lo...\","
  "\"facets\":[{\"index\":{\"byteStart\":11,\"byteEnd\":30},\"features\":[{"
  "\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://example.org/a/long/path\"}]}],"
  "\"createdAt\":\"2024-03-03T09:00:00Z\"}},"
  "{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k2\",\"cid\":\"b2\",\"value\":{"
  "\"$type\":\"app.bsky.feed.post\",\"text\":\"" DEFAMATION_POST "\","
  "\"reply\":{\"parent\":{\"uri\":\"at://did:plc:x/app.bsky.feed.post/1\"}},"
  "\"createdAt\":\"2024-02-02T08:00:00Z\"}}]}",

  "{\"records\":["
  "{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k1\",\"cid\":\"b1\",\"value\":{"
  "\"$type\":\"app.bsky.feed.post\",\"text\":\"First post!\","
  "\"createdAt\":\"2024-01-01T00:00:00Z\"}}]}",
};

typedef struct {
  SoupServer *server;
  char       *base;
  SgStore    *store;
  char       *dir;
  guint       lists;
  guint       refreshes;
  gboolean    expired_once;
  GPtrArray  *cursors;   /* the cursor of each listRecords call, "" for none */
} Fixture;

static gboolean
bearer_is (SoupServerMessage *msg,
           const char        *token)
{
  g_autofree char *want = g_strconcat ("Bearer ", token, NULL);

  return g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Authorization"), want) == 0;
}

static void
xrpc_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *cursor;

  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      if (body->data == NULL || g_strstr_len (body->data, body->length, "abcd-efgh-ijkl-mnop") == NULL)
        {
          sg_test_server_reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\"}");
          return;
        }
      sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\","
                                           "\"did\":\"did:plc:doc\",\"handle\":\"doc.bsky.social\"}");
      return;
    }
  if (g_str_equal (path, "/xrpc/com.atproto.server.refreshSession"))
    {
      f->refreshes++;
      if (bearer_is (msg, "r"))
        sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"jwt-2\",\"refreshJwt\":\"r2\"}");
      else
        sg_test_server_reply_json (msg, 400, "{\"error\":\"ExpiredToken\"}");
      return;
    }
  if (!g_str_equal (path, "/xrpc/com.atproto.repo.listRecords"))
    {
      sg_test_server_reply_json (msg, 404, "{\"error\":\"MethodNotImplemented\"}");
      return;
    }
  f->lists++;
  cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  g_ptr_array_add (f->cursors, g_strdup (cursor ? cursor : ""));
  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "repo"), "did:plc:doc") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "collection"), "app.bsky.feed.post") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "limit"), "100") != 0)
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"InvalidRequest\"}");
      return;
    }
  if (g_strcmp0 (cursor, "c1") == 0 && !f->expired_once)
    {
      f->expired_once = TRUE;
      sg_test_server_reply_json (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
      return;
    }
  if (!bearer_is (msg, f->expired_once ? "jwt-2" : "jwt-1"))
    {
      sg_test_server_reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\"}");
      return;
    }
  sg_test_server_reply_json (msg, 200, cursor == NULL ? pages[0]
                                       : g_str_equal (cursor, "c1") ? pages[1]
                                       : g_str_equal (cursor, "c2") ? pages[2]
                                       : "{\"records\":[]}");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->cursors = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/xrpc", xrpc_cb, f, NULL);
  f->base = sg_test_server_listen (f->server);
  f->store = sg_test_store_open ("sg-bluesky-list", &f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  g_free (f->base);
  g_ptr_array_unref (f->cursors);
  sg_test_store_close (f->store, f->dir);
}

static GPtrArray *
list_posts (Fixture     *f,
            const char  *password,
            char       **handle,
            GError     **error)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (f->base, "doc.bsky.social",
                                                             password);
  g_autoptr(GAsyncResult) result = NULL;

  sg_bluesky_client_list_posts_async (client, NULL, sg_test_result_cb, &result);
  return sg_bluesky_client_list_posts_finish (client, sg_test_wait_result (&result), handle,
                                              error);
}

static GPtrArray *
to_posts (GPtrArray *records)
{
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_past_post_free);

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) error = NULL;
      SgPastPost *post = sg_bluesky_record_to_post (g_ptr_array_index (records, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (posts, post);
    }
  return posts;
}

static void
assert_date (const SgPastPost *post,
             const char       *iso)
{
  g_autofree char *got = NULL;

  g_assert_nonnull (post->date);
  got = g_date_time_format_iso8601 (post->date);
  g_assert_cmpstr (got, ==, iso);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = NULL;
  g_autoptr(GPtrArray) records = list_posts (f, "abcd-efgh-ijkl-mnop", &handle, &error);
  g_autoptr(GPtrArray) posts = NULL;
  SgPastPost *p;

  g_assert_no_error (error);
  g_assert_cmpstr (handle, ==, "doc.bsky.social");
  g_assert_cmpuint (records->len, ==, 5);
  /* First page, then c1 refused, renewed, asked again, then c2. */
  g_assert_cmpuint (f->lists, ==, 4);
  g_assert_cmpuint (f->refreshes, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->cursors, 0), ==, "");
  g_assert_cmpstr (g_ptr_array_index (f->cursors, 1), ==, "c1");
  g_assert_cmpstr (g_ptr_array_index (f->cursors, 2), ==, "c1");
  g_assert_cmpstr (g_ptr_array_index (f->cursors, 3), ==, "c2");

  posts = to_posts (records);
  p = g_ptr_array_index (posts, 0);
  g_assert_cmpstr (p->platform, ==, "bluesky");
  g_assert_cmpstr (p->id, ==, "3k5");
  g_assert_cmpstr (p->text, ==, RESPECT_POST);
  g_assert_cmpstr (p->url, ==, "https://bsky.app/profile/did:plc:doc/post/3k5");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_PUBLIC);
  g_assert_null (p->media_descriptions);
  assert_date (p, "2024-05-05T21:00:00Z");

  p = g_ptr_array_index (posts, 1);
  g_assert_cmpstr (p->id, ==, "3k4");
  g_assert_nonnull (p->media_descriptions);
  g_assert_cmpuint (g_strv_length (p->media_descriptions), ==, 2);
  g_assert_cmpstr (p->media_descriptions[0], ==, "The waiting room");
  g_assert_cmpstr (p->media_descriptions[1], ==, "");
  assert_date (p, "2024-04-04T09:30:00Z");   /* given at +01:00, kept in UTC */

  p = g_ptr_array_index (posts, 2);
  g_assert_cmpstr (p->id, ==, "3k3");
  g_assert_cmpstr (p->text, ==, "Read this: https://example.org/a/long/path");
  g_assert_cmpstr (p->url, ==, "https://bsky.app/profile/did:plc:doc/post/3k3");

  p = g_ptr_array_index (posts, 3);
  g_assert_cmpstr (p->id, ==, "3k2");
  g_assert_cmpstr (p->text, ==, DEFAMATION_POST);
  g_assert_cmpstr (p->in_reply_to, ==, "at://did:plc:x/app.bsky.feed.post/1");
  assert_date (p, "2024-02-02T08:00:00Z");

  p = g_ptr_array_index (posts, 4);
  g_assert_cmpstr (p->id, ==, "3k1");
  g_assert_cmpstr (p->text, ==, "First post!");
  assert_date (p, "2024-01-01T00:00:00Z");
}

/* A record that is no post (another collection's, or damaged) is refused, not made up. */
static void
test_not_a_post (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgPastPost) post = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"uri\":\"at://did:plc:doc/app.bsky.feed.like/1\",\"value\":{\"$type\":\"app.bsky.feed.like\"}}",
    -1, NULL));
  post = sg_bluesky_record_to_post (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_null (post);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
}

/* A refused app password is said as such, and nothing is listed. */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = list_posts (f, "wrong-pass-word-here", NULL, &error);

  g_assert_null (records);
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
  g_assert_cmpuint (f->lists, ==, 0);
}

/* No server answers (a closed port on this machine): said in the listing's terms, not as a
 * post that may not have been sent. */
static void
test_unreachable (void)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new ("http://127.0.0.1:9",
                                                             "doc.bsky.social",
                                                             "abcd-efgh-ijkl-mnop");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  sg_bluesky_client_list_posts_async (client, NULL, sg_test_result_cb, &result);
  records = sg_bluesky_client_list_posts_finish (client, sg_test_wait_result (&result), NULL,
                                                 &error);
  g_assert_null (records);
  g_assert_error (error, SG_ERROR, SG_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "could not be read"));
  g_assert_null (strstr (error->message, "post may not have been sent"));
}

/* Stop before the listing: cancelled, said as such, nothing listed. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (f->base, "doc.bsky.social",
                                                             "abcd-efgh-ijkl-mnop");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_cancellable_cancel (cancellable);
  sg_bluesky_client_list_posts_async (client, cancellable, sg_test_result_cb, &result);
  records = sg_bluesky_client_list_posts_finish (client, sg_test_wait_result (&result), NULL,
                                                 &error);
  g_assert_null (records);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->lists, ==, 0);
}

static SgAnalyzer *analyzer;

/* The listed posts through the audit: stored like an archive's, under the account's name. */
static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = NULL;
  g_autoptr(GPtrArray) records = list_posts (f, "abcd-efgh-ijkl-mnop", &handle, &error);
  g_autoptr(GPtrArray) posts = to_posts (records);
  g_autofree char *name = g_strdup_printf ("Bluesky account @%s", handle);
  g_autoptr(SgAudit) audit = sg_audit_new_for_posts (f->store, analyzer, posts, name);
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const SgAuditRecord *r;
  gint64 id;
  gboolean respect = FALSE, defamation = FALSE;
  g_autofree char *owner = NULL;

  id = sg_audit_run (audit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  r = sg_audit_get_record (audit);
  g_assert_cmpint (r->run, ==, SG_AUDIT_RUN_DONE);
  g_assert_cmpuint (r->n_checked, ==, 5);
  g_assert_cmpuint (r->n_skipped, ==, 0);
  g_assert_cmpuint (r->n_flagged, ==, 2);

  audits = sg_audits_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  g_assert_cmpstr (((SgAuditRecord *) g_ptr_array_index (audits, 0))->file_name, ==,
                   "Bluesky account @doc.bsky.social");

  items = sg_audits_list_posts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      SgAuditItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (sg_audit_item_get_text (item), RESPECT_POST) == 0)
        {
          respect = TRUE;
          g_assert_cmpstr (sg_audit_item_get_url (item), ==,
                           "https://bsky.app/profile/did:plc:doc/post/3k5");
          /* The page can delete it: the owner is the DID deleteRecord is checked against. */
          g_assert_cmpstr (owner = sg_audit_item_dup_owner (item), ==, "did:plc:doc");
        }
      if (g_strcmp0 (sg_audit_item_get_text (item), DEFAMATION_POST) == 0)
        defamation = TRUE;
    }
  g_assert_true (respect && defamation);
}

/* Cancelled before it starts: nothing checked, stored as stopped. */
static void
test_audit_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_past_post_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SgAudit) audit = NULL;
  SgPastPost *post = sg_past_post_new ("bluesky", "3k1");
  gint64 id;

  g_free (post->text);
  post->text = g_strdup (RESPECT_POST);
  g_ptr_array_add (posts, post);
  audit = sg_audit_new_for_posts (f->store, analyzer, posts, "Bluesky account @doc.bsky.social");
  g_cancellable_cancel (cancellable);
  id = sg_audit_run (audit, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sg_audit_get_record (audit)->run, ==, SG_AUDIT_RUN_STOPPED);
  g_assert_cmpuint (sg_audit_get_record (audit)->n_checked, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  pack = sg_rule_pack_load (NULL, &error);
  g_assert_no_error (error);
  analyzer = sg_analyzer_new (pack);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sg/bluesky-list/pages", test_pages);
  g_test_add_func ("/sg/bluesky-list/not-a-post", test_not_a_post);
  ADD ("/sg/bluesky-list/wrong-password", test_wrong_password);
  ADD ("/sg/bluesky-list/cancelled", test_cancelled);
  g_test_add_func ("/sg/bluesky-list/unreachable", test_unreachable);
  ADD ("/sg/bluesky-list/audit", test_audit);
  ADD ("/sg/bluesky-list/audit-cancelled", test_audit_cancelled);
  ret = g_test_run ();
  g_clear_object (&analyzer);
  return ret;
}
