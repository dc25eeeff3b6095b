/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The importers of past posts (src/archive) on archives built here in each platform's
 * documented layout, zipped with libarchive's writer: what each post reads as, Facebook's
 * mojibake, HTML and CSV, and the refusals (zip bomb, damaged zip, unknown file, malformed
 * JSON, invalid UTF-8). A 200,000-post archive is read in bounded memory. */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "sg-archive-private.h"
#include "sg-archive-reader.h"
#include "sg-error.h"

/* ---- Building archives */

typedef struct {
  const char *name;
  const char *data;
} Entry;

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
write_entry_header (struct archive *a,
                    const char     *name,
                    gsize           size)
{
  struct archive_entry *e = archive_entry_new ();

  archive_entry_set_pathname (e, name);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  archive_entry_set_size (e, (la_int64_t) size);
  g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
  archive_entry_free (e);
}

static struct archive *
archive_begin (const char *path,
               gboolean    tar_gz)
{
  struct archive *a = archive_write_new ();

  if (tar_gz)
    {
      archive_write_set_format_pax_restricted (a);
      archive_write_add_filter_gzip (a);
    }
  else
    archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  return a;
}

static void
archive_end (struct archive *a)
{
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
}

/* A zip (or tar.gz) at @name in the temporary folder holding @entries; returns its path. */
static char *
make_archive (const char  *name,
              gboolean     tar_gz,
              const Entry *entries,
              guint        n)
{
  char *path = tmp_path (name);
  struct archive *a = archive_begin (path, tar_gz);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (entries[i].data);

      write_entry_header (a, entries[i].name, len);
      g_assert_cmpint (archive_write_data (a, entries[i].data, len), ==, (la_ssize_t) len);
    }
  archive_end (a);
  return path;
}

static char *
make_file (const char *name,
           const char *data,
           gssize      len)
{
  char *path = tmp_path (name);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

/* Reads every post of @path; the error, if any, in @error. */
static GPtrArray *
read_posts (const char             *path,
            const SgArchiveLimits  *limits,
            SgArchiveReader       **reader_out,
            GError                **error)
{
  g_autoptr(SgArchiveReader) reader = sg_archive_reader_new (path);
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_past_post_free);
  SgPastPost *post;

  if (limits != NULL)
    sg_archive_reader_set_limits (reader, limits);
  while ((post = sg_archive_reader_next (reader, NULL, error)) != NULL)
    g_ptr_array_add (posts, post);
  g_assert_cmpuint (sg_archive_reader_get_n_posts (reader), ==, posts->len);
  if (reader_out != NULL)
    *reader_out = g_steal_pointer (&reader);
  return posts;
}

static SgPastPost *
post_with_id (GPtrArray  *posts,
              const char *id)
{
  for (guint i = 0; i < posts->len; i++)
    {
      SgPastPost *p = g_ptr_array_index (posts, i);

      if (g_str_equal (p->id, id))
        return p;
    }
  g_error ("no post %s", id);
  return NULL;
}

static void
assert_date (SgPastPost *post,
             const char *iso)
{
  g_autofree char *s = NULL;

  g_assert_nonnull (post->date);
  s = g_date_time_format (post->date, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (s, ==, iso);
  g_assert_cmpint (g_date_time_get_utc_offset (post->date), ==, 0);
}

/* ---- Mastodon */

#define MASTODON_OUTBOX \
  "{\"@context\": \"https://www.w3.org/ns/activitystreams\", \"id\": \"outbox.json\"," \
  " \"type\": \"OrderedCollection\", \"totalItems\": 6, \"orderedItems\": [" \
  "{\"id\": \"https://med.example/users/jo/statuses/101/activity\", \"type\": \"Create\"," \
  " \"actor\": \"https://med.example/users/jo\", \"published\": \"2023-01-02T10:00:00Z\"," \
  " \"to\": [\"https://www.w3.org/ns/activitystreams#Public\"]," \
  " \"cc\": [\"https://med.example/users/jo/followers\"]," \
  " \"object\": {\"id\": \"https://med.example/users/jo/statuses/101\", \"type\": \"Note\"," \
  "  \"summary\": \"work rant\", \"inReplyTo\": null, \"published\": \"2023-01-02T10:00:00Z\"," \
  "  \"url\": \"https://med.example/@jo/101\"," \
  "  \"to\": [\"https://www.w3.org/ns/activitystreams#Public\"]," \
  "  \"cc\": [\"https://med.example/users/jo/followers\"]," \
  "  \"content\": \"<p>Night shift &amp; a &lt;busy&gt; one, it&#39;s&nbsp;fine.</p>" \
  "<p>Second line<br>third line <span class=\\\"h-card\\\"><a href=\\\"https://med.example/@sam\\\" " \
  "class=\\\"u-url mention\\\">@<span>sam</span></a></span> " \
  "<a href=\\\"https://med.example/tags/nhs\\\" class=\\\"mention hashtag\\\" rel=\\\"tag\\\">#<span>NHS</span></a></p>" \
  "<p><a href=\\\"https://example.org/a/long/path\\\" rel=\\\"nofollow noopener\\\">" \
  "<span class=\\\"invisible\\\">https://</span><span class=\\\"ellipsis\\\">example.org/a/lo</span>" \
  "<span class=\\\"invisible\\\">ng/path</span></a></p>\"," \
  "  \"attachment\": [{\"type\": \"Document\", \"mediaType\": \"image/jpeg\"," \
  "   \"url\": \"media_attachments/files/1.jpg\", \"name\": \"A whiteboard in the mess\"}," \
  "   {\"type\": \"Document\", \"mediaType\": \"image/jpeg\", \"url\": \"2.jpg\", \"name\": null}]}}," \
  "{\"id\": \"https://med.example/users/jo/statuses/102/activity\", \"type\": \"Announce\"," \
  " \"published\": \"2023-01-03T10:00:00Z\", \"object\": \"https://other.example/users/x/statuses/9\"}," \
  "{\"id\": \"https://med.example/users/jo/statuses/103/activity\", \"type\": \"Create\"," \
  " \"published\": \"2023-01-04T11:30:00+01:00\"," \
  " \"object\": {\"id\": \"https://med.example/users/jo/statuses/103\", \"type\": \"Note\"," \
  "  \"published\": \"2023-01-04T11:30:00+01:00\", \"inReplyTo\": \"https://med.example/users/sam/statuses/5\"," \
  "  \"to\": [\"https://med.example/users/jo/followers\"], \"cc\": []," \
  "  \"content\": \"<p>followers only</p>\"}}," \
  "{\"id\": \"a104\", \"type\": \"Create\", \"object\": {\"id\": \"https://med.example/users/jo/statuses/104\"," \
  "  \"type\": \"Note\", \"published\": \"2023-01-05T00:00:00Z\"," \
  "  \"to\": [\"https://med.example/users/jo/followers\"]," \
  "  \"cc\": [\"https://www.w3.org/ns/activitystreams#Public\"], \"content\": \"<p>unlisted</p>\"}}," \
  "{\"id\": \"a105\", \"type\": \"Create\", \"object\": {\"id\": \"https://med.example/users/jo/statuses/105\"," \
  "  \"type\": \"Note\", \"published\": \"2023-01-06T00:00:00Z\"," \
  "  \"to\": [\"https://med.example/users/sam\"], \"cc\": [], \"content\": \"<p>direct</p>\"}}," \
  "{\"id\": \"a106\", \"type\": \"Create\", \"object\": {\"id\": \"https://med.example/users/jo/statuses/106\"," \
  "  \"type\": \"Question\", \"published\": \"2023-01-07T00:00:00Z\"," \
  "  \"to\": \"https://www.w3.org/ns/activitystreams#Public\", \"content\": \"<p>Which rota?</p>\"," \
  "  \"oneOf\": [{\"type\": \"Note\", \"name\": \"Days\"}, {\"type\": \"Note\", \"name\": \"Nights\"}]}}" \
  "]}"

static void
check_mastodon_posts (GPtrArray  *posts,
                      const char *source)
{
  SgPastPost *p;

  g_assert_cmpuint (posts->len, ==, 5);      /* the boost is not the author's post */

  p = post_with_id (posts, "101");
  g_assert_cmpstr (p->platform, ==, "mastodon");
  g_assert_cmpstr (p->text, ==,
                   "Night shift & a <busy> one, it's fine.\n\n"
                   "Second line\nthird line @sam #NHS\n\n"
                   "https://example.org/a/long/path");
  g_assert_cmpstr (p->content_warning, ==, "work rant");
  g_assert_cmpstr (p->url, ==, "https://med.example/@jo/101");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_PUBLIC);
  g_assert_null (p->in_reply_to);
  g_assert_cmpstr (p->source, ==, source);
  g_assert_nonnull (p->media_descriptions);
  g_assert_cmpuint (g_strv_length (p->media_descriptions), ==, 2);
  g_assert_cmpstr (p->media_descriptions[0], ==, "A whiteboard in the mess");
  g_assert_cmpstr (p->media_descriptions[1], ==, "");
  assert_date (p, "2023-01-02T10:00:00Z");

  p = post_with_id (posts, "103");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_FOLLOWERS);
  g_assert_cmpstr (p->in_reply_to, ==, "https://med.example/users/sam/statuses/5");
  g_assert_cmpstr (p->url, ==, "https://med.example/users/jo/statuses/103");
  assert_date (p, "2023-01-04T10:30:00Z");

  g_assert_cmpint (post_with_id (posts, "104")->audience, ==, SG_PAST_POST_AUDIENCE_UNLISTED);
  g_assert_cmpint (post_with_id (posts, "105")->audience, ==, SG_PAST_POST_AUDIENCE_DIRECT);

  p = post_with_id (posts, "106");
  g_assert_cmpstr (p->text, ==, "Which rota?\nDays\nNights");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_PUBLIC);
}

static void
test_mastodon (void)
{
  const Entry zip[] = {
    { "actor.json", "{\"type\": \"Person\"}" },
    { "likes.json", "{\"type\": \"OrderedCollection\", \"orderedItems\": []}" },
    { "media_attachments/files/1.jpg", "\xff\xd8\xff\xe0 not really a jpeg" },
    { "outbox.json", MASTODON_OUTBOX },
  };
  g_autofree char *zip_path = make_archive ("mastodon.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autofree char *tgz_path = make_archive ("mastodon.tar.gz", TRUE, zip, G_N_ELEMENTS (zip));
  g_autofree char *plain = make_file ("outbox-renamed.txt", MASTODON_OUTBOX, -1);
  const char * const paths[] = { zip_path, tgz_path, plain };

  /* The zip of Mastodon 4.2 on, the tar.gz of the versions before, and the file taken out of
   * either under another name: the content says what it is. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SgArchiveReader) reader = NULL;
      g_autoptr(GPtrArray) posts = read_posts (paths[i], NULL, &reader, &error);

      g_assert_no_error (error);
      check_mastodon_posts (posts, i < 2 ? "outbox.json" : "outbox-renamed.txt");
      g_assert_cmpuint (sg_archive_reader_get_n_skipped (reader), ==, 0);
      g_assert_cmpuint (g_strv_length ((GStrv) sg_archive_reader_get_sources (reader)), ==, 1);
      g_assert_cmpfloat (sg_archive_reader_get_fraction (reader), ==, 1.);
    }
}

/* ---- X */

#define TWEETS_JS \
  "window.YTD.tweets.part0 = [ {\n" \
  "  \"tweet\" : {\n" \
  "    \"edit_info\" : { \"initial\" : { \"editTweetIds\" : [ \"1050118621198921728\" ] } },\n" \
  "    \"retweeted\" : false,\n" \
  "    \"entities\" : { \"hashtags\" : [ ], \"user_mentions\" : [ ],\n" \
  "      \"urls\" : [ { \"url\" : \"https://t.co/abc123\", \"expanded_url\" : \"https://example.org/guide\",\n" \
  "                     \"display_url\" : \"example.org/guide\", \"indices\" : [ \"40\", \"63\" ] } ],\n" \
  "      \"media\" : [ { \"url\" : \"https://t.co/pic999\", \"media_url\" : \"http://pbs.twimg.com/x.jpg\" } ] },\n" \
  "    \"extended_entities\" : { \"media\" : [ { \"url\" : \"https://t.co/pic999\",\n" \
  "      \"ext_alt_text\" : \"Ward 7 handover sheet\" } ] },\n" \
  "    \"display_text_range\" : [ \"0\", \"63\" ],\n" \
  "    \"favorite_count\" : \"3\",\n" \
  "    \"id_str\" : \"1050118621198921728\",\n" \
  "    \"truncated\" : false,\n" \
  "    \"id\" : \"1050118621198921728\",\n" \
  "    \"created_at\" : \"Wed Oct 10 20:19:24 +0000 2018\",\n" \
  "    \"full_text\" : \"A&amp;E &lt;3 &gt; clinic &amp;amp; more https://t.co/abc123 https://t.co/pic999\",\n" \
  "    \"lang\" : \"en\"\n" \
  "  }\n" \
  "}, {\n" \
  "  \"tweet\" : {\n" \
  "    \"id_str\" : \"1050118621198921999\",\n" \
  "    \"in_reply_to_status_id_str\" : \"1050118621198921728\",\n" \
  "    \"in_reply_to_screen_name\" : \"someone\",\n" \
  "    \"created_at\" : \"Thu Oct 11 01:00:00 +0100 2018\",\n" \
  "    \"full_text\" : \"@someone thanks\"\n" \
  "  }\n" \
  "} ]"

static void
test_x (void)
{
  const Entry zip[] = {
    { "Your archive.html", "<html></html>" },
    { "data/account.js", "window.YTD.account.part0 = [ { \"account\" : { } } ]" },
    { "data/deleted-tweets.js", "window.YTD.deleted_tweets.part0 = [ { \"tweet\" : { "
                                "\"id_str\" : \"1\", \"full_text\" : \"gone\" } } ]" },
    { "data/tweets.js", TWEETS_JS },
    { "data/tweets-part1.js", "window.YTD.tweets.part1 = [ { \"tweet\" : { \"id_str\" : \"7\", "
                              "\"created_at\" : \"Mon Jan 01 00:00:00 +0000 2024\", "
                              "\"full_text\" : \"part one\" } } ]" },
  };
  g_autofree char *path = make_archive ("twitter-2024.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, NULL, &error);
  SgPastPost *p;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);

  p = post_with_id (posts, "1050118621198921728");
  g_assert_cmpstr (p->platform, ==, "x");
  /* &amp;amp; was "&amp;" as typed; t.co is the address written; the picture's link goes. */
  g_assert_cmpstr (p->text, ==, "A&E <3 > clinic &amp; more https://example.org/guide");
  g_assert_cmpstr (p->url, ==, "https://x.com/i/status/1050118621198921728");
  g_assert_cmpstr (p->source, ==, "data/tweets.js");
  g_assert_cmpstr (p->media_descriptions[0], ==, "Ward 7 handover sheet");
  g_assert_null (p->in_reply_to);
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_UNKNOWN);
  assert_date (p, "2018-10-10T20:19:24Z");

  p = post_with_id (posts, "1050118621198921999");
  g_assert_cmpstr (p->in_reply_to, ==, "1050118621198921728");
  assert_date (p, "2018-10-11T00:00:00Z");

  g_assert_cmpstr (post_with_id (posts, "7")->source, ==, "data/tweets-part1.js");
}

/* ---- Facebook and Instagram */

/* "café" and "😂" as Facebook writes them: each UTF-8 byte a \u00XX escape. */
#define FACEBOOK_POSTS \
  "[\n" \
  "  {\"timestamp\": 1577836800,\n" \
  "   \"attachments\": [{\"data\": [{\"media\": {\"uri\": \"photos/1.jpg\"," \
  "      \"description\": \"Our caf\\u00c3\\u00a9 team\", \"creation_timestamp\": 1577836800}}," \
  "      {\"external_context\": {\"url\": \"https://example.org\"}}]}],\n" \
  "   \"data\": [{\"post\": \"Lunch at the caf\\u00c3\\u00a9 \\u00f0\\u009f\\u0098\\u0082\"}," \
  "             {\"update_timestamp\": 1577836900}],\n" \
  "   \"title\": \"Jo Bloggs updated her status.\"},\n" \
  "  {\"timestamp\": 1577836800, \"data\": [{\"post\": \"Same second, na\\u00efve\"}]},\n" \
  "  {\"timestamp\": 1577923200, \"attachments\": [{\"data\": [{\"media\": {\"uri\": \"p.jpg\"}}]}]," \
  "   \"title\": \"Jo Bloggs added a new photo.\"},\n" \
  "  {\"data\": [{\"post\": \"no date\"}]},\n" \
  "  {\"timestamp\": 1578009600, \"data\": [{\"post\": \"Third \\u00e2\\u0080\\u0094 with a dash\"}]}\n" \
  "]"

static void
test_facebook (void)
{
  const Entry zip[] = {
    { "your_activity_across_facebook/posts/media/x.jpg", "jpeg" },
    { "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
      FACEBOOK_POSTS },
    { "your_activity_across_facebook/groups/your_posts_in_groups.json", "{\"group_posts_v2\": []}" },
  };
  g_autofree char *path = make_archive ("facebook-jobloggs.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);
  const char * const *problems;
  SgPastPost *p;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_assert_cmpuint (sg_archive_reader_get_n_without_text (reader), ==, 1);   /* the photo */
  g_assert_cmpuint (sg_archive_reader_get_n_skipped (reader), ==, 1);        /* no date */
  problems = sg_archive_reader_get_problems (reader);
  g_assert_cmpuint (g_strv_length ((GStrv) problems), ==, 1);
  g_assert_nonnull (strstr (problems[0], "item 4"));
  g_assert_nonnull (strstr (problems[0], "no date"));
  g_assert_null (strstr (problems[0], "no date\"}"));           /* no text of the post */

  p = post_with_id (posts, "1577836800");
  g_assert_cmpstr (p->platform, ==, "facebook");
  g_assert_cmpstr (p->text, ==, "Lunch at the café 😂");
  g_assert_cmpstr (p->media_descriptions[0], ==, "Our café team");
  g_assert_null (p->url);
  assert_date (p, "2020-01-01T00:00:00Z");

  /* Two in one second: each id still names one post. Real Latin-1 is left as written. */
  p = post_with_id (posts, "1577836800-2");
  g_assert_cmpstr (p->text, ==, "Same second, naïve");
  g_assert_cmpstr (post_with_id (posts, "1578009600")->text, ==, "Third — with a dash");
}

static void
test_instagram (void)
{
  const Entry zip[] = {
    { "your_instagram_activity/content/posts_1.json",
      "[{\"media\": [{\"uri\": \"media/posts/202301/a.jpg\", \"creation_timestamp\": 1672531200,"
      "   \"title\": \"New year at the caf\\u00c3\\u00a9\"}]},"
      " {\"media\": [{\"uri\": \"b.jpg\", \"creation_timestamp\": 1672617600, \"title\": \"\"},"
      "              {\"uri\": \"c.jpg\", \"creation_timestamp\": 1672617600, \"title\": \"\"}],"
      "  \"title\": \"Carousel caption\", \"creation_timestamp\": 1672617600},"
      " {\"media\": [{\"uri\": \"d.jpg\", \"creation_timestamp\": 1672704000, \"title\": \"\"}]}]" },
    { "your_instagram_activity/content/stories.json", "{\"ig_stories\": []}" },
  };
  g_autofree char *path = make_archive ("instagram.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);
  SgPastPost *p;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpuint (sg_archive_reader_get_n_without_text (reader), ==, 1);

  p = post_with_id (posts, "1672531200");
  g_assert_cmpstr (p->platform, ==, "instagram");
  g_assert_cmpstr (p->text, ==, "New year at the café");
  assert_date (p, "2023-01-01T00:00:00Z");
  g_assert_cmpstr (post_with_id (posts, "1672617600")->text, ==, "Carousel caption");
}

/* ---- LinkedIn */

#define SHARES_CSV \
  "\xef\xbb\xbf" "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n" \
  "2023-01-15 10:20:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567," \
  "\"Proud of the team, again.\r\nSecond paragraph with \"\"quotes\"\".\",,,MEMBER_NETWORK\r\n" \
  "\r\n" \
  "2022-06-01 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A6950000000000000000," \
  "Plain one,https://example.org,,CONNECTIONS\r\n" \
  "2021-02-03 04:05:06,,\"No link, still read\",,,PUBLIC\r\n" \
  "bad row\r\n"

static void
test_linkedin (void)
{
  const Entry zip[] = {
    { "Connections.csv", "First Name,Last Name\r\nA,B\r\n" },
    { "Shares.csv", SHARES_CSV },
  };
  g_autofree char *path = make_archive ("Basic_LinkedInDataExport.zip", FALSE, zip,
                                        G_N_ELEMENTS (zip));
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);
  SgPastPost *p;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_assert_cmpuint (sg_archive_reader_get_n_skipped (reader), ==, 1);        /* "bad row" */

  p = post_with_id (posts, "7012345678901234567");
  g_assert_cmpstr (p->platform, ==, "linkedin");
  g_assert_cmpstr (p->text, ==, "Proud of the team, again.\nSecond paragraph with \"quotes\".");
  g_assert_cmpstr (p->url, ==,
                   "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_UNKNOWN);
  assert_date (p, "2023-01-15T10:20:30Z");

  p = post_with_id (posts, "6950000000000000000");
  g_assert_cmpstr (p->text, ==, "Plain one");
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_CONNECTIONS);

  p = post_with_id (posts, "1612325106");
  g_assert_cmpstr (p->text, ==, "No link, still read");
  g_assert_null (p->url);
  g_assert_cmpint (p->audience, ==, SG_PAST_POST_AUDIENCE_PUBLIC);
}

/* ---- The text helpers */

static void
test_html_to_text (void)
{
  const struct { const char *html, *text; } cases[] = {
    { "<p>a</p><p>b</p>", "a\n\nb" },
    { "<p>one<br />two<br><br>three</p>", "one\ntwo\n\nthree" },
    { "<p>  lots   of\n space </p>", "lots of space" },
    { "&amp;lt; &#233; &#x1F600; &#0; &bogus; & alone", "&lt; é 😀 \xef\xbf\xbd &bogus; & alone" },
    { "a < b and c > d", "a < b and c > d" },
    { "<ul><li>one</li><li>two</li></ul><p>after</p>", "one\ntwo\n\nafter" },
    { "<p>x<script>alert('no')</script>y<!-- hidden -->z</p>", "xyz" },
    { "<pre>keep   this\n  indent</pre>", "keep   this\n  indent" },
    { "<a href=\"x\" title='a > b'>link text</a>", "link text" },
    { "<p>unclosed <b", "unclosed <b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sg_archive_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_mojibake (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "caf\xc3\x83\xc2\xa9", "café" },                       /* "caf\u00c3\u00a9" */
    { "\xc3\xb0\xc2\x9f\xc2\x98\xc2\x82", "😂" },
    { "na\xc3\xafve", "naïve" },           /* real Latin-1 text: its bytes are not UTF-8 */
    { "plain ascii", "plain ascii" },
    { "already right: café 😂", "already right: café 😂" },  /* past U+00FF: not mojibake */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sg_archive_repair_mojibake (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

typedef struct {
  const char *document;
  const char *member;
  gboolean    js;
  guint       n;
  gboolean    ok;
} JsonCase;

static void
test_json_stream (void)
{
  const JsonCase cases[] = {
    { "[1, \"a]\\\"\", {\"b\": [1, {\"c\": \"}\"}]}, true, null]", NULL, FALSE, 5, TRUE },
    { "\xef\xbb\xbf  [ ]  ", NULL, FALSE, 0, TRUE },
    { "{\"a\": {\"orderedItems\": 1}, \"n\": -1.5e3, \"orderedItems\": [{}, {}], \"z\": [[]]}",
      "orderedItems", FALSE, 2, TRUE },
    { "window.YTD.tweets.part0 = [ {} ];\n", NULL, TRUE, 1, TRUE },
    { "window.location = [ {} ]", NULL, TRUE, 0, FALSE },
    { "{\"orderedItems\": \"no\"}", "orderedItems", FALSE, 0, FALSE },
    { "{\"other\": []}", "orderedItems", FALSE, 0, FALSE },
    { "[{\"a\": 1}, {\"b\": ", NULL, FALSE, 1, FALSE },
    { "[{}] trailing", NULL, FALSE, 1, FALSE },
    { "", NULL, FALSE, 0, FALSE },
    { "[{\"big\": \"0123456789012345678901234567890123456789\"}, {}]", NULL, FALSE, 2, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Fed a byte at a time, so every state is crossed at a chunk boundary. */
      g_autoptr(SgJsonStream) s = sg_json_stream_new (cases[i].member, cases[i].js, 32);
      g_autoptr(GError) error = NULL;
      GQueue elements = G_QUEUE_INIT;
      gsize len = strlen (cases[i].document);
      gboolean ok = TRUE;

      for (gsize b = 0; b < len && ok; b++)
        ok = sg_json_stream_feed (s, cases[i].document + b, 1, &elements, &error);
      if (ok)
        ok = sg_json_stream_finish (s, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_true (ok == (error == NULL));
      g_assert_cmpuint (elements.length, ==, cases[i].n);
      if (i == 0)
        {
          /* An element is bytes, not a C string: no NUL after it (AddressSanitizer saw the
           * strcmp that was here read past it). */
          gsize size;
          const char *data = g_bytes_get_data (g_queue_peek_nth (&elements, 1), &size);
          g_autofree char *text = g_strndup (data, size);

          g_assert_cmpstr (text, ==, "\"a]\\\"\"");
        }
      if (i == G_N_ELEMENTS (cases) - 1)   /* over 32 bytes: kept out, empty */
        g_assert_cmpuint (g_bytes_get_size (g_queue_peek_head (&elements)), ==, 0);
      g_queue_clear_full (&elements, (GDestroyNotify) g_bytes_unref);
    }
}

static void
test_csv_stream (void)
{
  const char *csv = "a,\"b,\"\"c\"\"\nd\",e\r\n\"\",x\"y\n\nlast";
  g_autoptr(SgCsvStream) s = sg_csv_stream_new (1024);
  g_autoptr(GError) error = NULL;
  GQueue records = G_QUEUE_INIT;
  GPtrArray *r;

  for (const char *p = csv; *p != '\0'; p++)
    sg_csv_stream_feed (s, p, 1, &records);
  g_assert_true (sg_csv_stream_finish (s, &records, &error));
  g_assert_cmpuint (records.length, ==, 4);

  r = g_queue_peek_nth (&records, 0);
  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (r, 1), ==, "b,\"c\"\nd");
  g_assert_cmpstr (g_ptr_array_index (r, 2), ==, "e");
  r = g_queue_peek_nth (&records, 1);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "");
  g_assert_cmpstr (g_ptr_array_index (r, 1), ==, "x\"y");
  r = g_queue_peek_nth (&records, 3);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "last");
  g_queue_clear_full (&records, (GDestroyNotify) g_ptr_array_unref);

  /* Cut off inside quotes. */
  {
    g_autoptr(SgCsvStream) cut = sg_csv_stream_new (1024);

    sg_csv_stream_feed (cut, "a,\"open\n", 8, &records);
    g_assert_false (sg_csv_stream_finish (cut, &records, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
    g_assert_cmpuint (records.length, ==, 0);
  }
}

/* ---- Refusals */

/* A zip whose outbox.json is what a Mastodon outbox starts with and then @size spaces: it
 * packs to about a thousandth of that. */
static char *
make_bomb (const char *name,
           gsize       size,
           const char *bomb_entry)
{
  const char *start = "{\"type\": \"OrderedCollection\", \"orderedItems\": [";
  char *path = tmp_path (name);
  struct archive *a = archive_begin (path, FALSE);
  g_autofree char *spaces = g_malloc (1024 * 1024);

  memset (spaces, ' ', 1024 * 1024);
  write_entry_header (a, bomb_entry, strlen (start) + size + 2);
  archive_write_data (a, start, strlen (start));
  for (gsize done = 0; done < size; done += 1024 * 1024)
    archive_write_data (a, spaces, 1024 * 1024);
  archive_write_data (a, "]}", 2);
  if (!g_str_equal (bomb_entry, "outbox.json"))
    {
      write_entry_header (a, "outbox.json", strlen (MASTODON_OUTBOX));
      archive_write_data (a, MASTODON_OUTBOX, strlen (MASTODON_OUTBOX));
    }
  archive_end (a);
  return path;
}

static void
test_zip_bomb (void)
{
  g_autofree char *bomb = make_bomb ("bomb.zip", 64 * 1024 * 1024, "outbox.json");
  g_autofree char *elsewhere = make_bomb ("media-bomb.zip", 64 * 1024 * 1024,
                                          "media_attachments/files/big.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) more = NULL;
  struct stat st;

  g_assert_cmpint (g_stat (bomb, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);     /* 64 MiB packed under 1 MiB */

  posts = read_posts (bomb, NULL, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
  g_assert_nonnull (strstr (error->message, "bomb.zip"));
  g_clear_error (&error);

  /* Only the posts files are unpacked: the same bomb among the media is never opened. */
  more = read_posts (elsewhere, NULL, NULL, &error);
  g_assert_no_error (error);
  check_mastodon_posts (more, "outbox.json");
}

static void
test_total_limit (void)
{
  const Entry zip[] = { { "outbox.json", MASTODON_OUTBOX } };
  g_autofree char *path = make_archive ("limit.zip", FALSE, zip, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  SgArchiveLimits limits;

  sg_archive_limits_init (&limits);
  g_assert_cmpuint (limits.max_total_bytes, ==, G_GUINT64_CONSTANT (2) << 30);
  limits.max_total_bytes = 1000;
  posts = read_posts (path, &limits, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "more than 1.0"));   /* then a no-break space */
  g_clear_error (&error);

  sg_archive_limits_init (&limits);
  limits.max_entries = 0;
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = read_posts (path, &limits, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "more than 0 files"));
}

static void
test_corrupt_zip (void)
{
  const Entry zip[] = { { "data/tweets.js", TWEETS_JS }, { "data/like.js", TWEETS_JS } };
  g_autofree char *good = make_archive ("good.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autofree char *contents = NULL;
  gsize len;
  g_autofree char *truncated = NULL;
  g_autofree char *flipped = NULL;
  g_autofree char *garbage = NULL;

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));

  /* Cut in the middle of the posts file: no central directory, data short. */
  truncated = make_file ("truncated.zip", contents, (gssize) (len / 3));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (truncated, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "damaged or incomplete"));
    g_assert_nonnull (strstr (error->message, "truncated.zip"));
  }

  /* Bytes changed inside the packed data: the CRC or the inflater says so. */
  for (gsize i = 120; i < 200 && i < len; i++)
    contents[i] ^= 0x5a;
  flipped = make_file ("flipped.zip", contents, (gssize) len);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (flipped, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  }

  /* A zip's signature and nothing of a zip after it. */
  garbage = make_file ("garbage.zip", "PK\3\4 this is not a zip at all, only its first bytes",
                       -1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (garbage, NULL, NULL, &error);

    g_assert_nonnull (error);
    g_assert_true (error->domain == SG_ERROR);
    g_assert_cmpuint (posts->len, ==, 0);
  }
}

static void
test_unknown (void)
{
  const Entry photos[] = { { "DCIM/1.jpg", "jpeg" }, { "notes.txt", "hello" } };
  const Entry html[] = { { "your_activity_across_facebook/posts/your_posts_1.html", "<html>" } };
  g_autofree char *text = make_file ("notes.txt", "Just some notes, not an archive.\n", -1);
  g_autofree char *empty = make_file ("empty.json", "", 0);
  g_autofree char *list = make_file ("list.json", "[{\"name\": \"not a post\"}]", -1);
  g_autofree char *zip = make_archive ("holiday.zip", FALSE, photos, G_N_ELEMENTS (photos));
  g_autofree char *fb_html = make_archive ("facebook-html.zip", FALSE, html, 1);
  g_autofree char *missing = tmp_path ("no-such-file.zip");
  const char * const plain[] = { text, empty, list };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) posts = read_posts (plain[i], NULL, NULL, &error);

      g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "is not an archive SocialGuard can read"));
      g_assert_cmpuint (posts->len, ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (zip, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "holds no posts SocialGuard can read"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (fb_html, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "JSON format"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (missing, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "could not be opened"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = read_posts (tmp_dir, NULL, NULL, &error);

    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "is a folder"));
  }
}

static void
test_malformed_json (void)
{
  /* One item broken inside, then the file cut off in the middle of a later one. */
  const char *outbox =
    "{\"type\": \"OrderedCollection\", \"orderedItems\": ["
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/1\","
    " \"type\": \"Note\", \"content\": \"<p>first</p>\"}},"
    "{\"type\": \"Create\", \"object\": {\"id\": oops}},"
    "{\"type\": \"Create\", \"object\": {\"type\": \"Note\", \"content\": \"no id\"}},"
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/3\","
    " \"type\": \"Note\", \"content\": \"<p>third</p>\"}},"
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.exa";
  const Entry zip[] = { { "outbox.json", outbox } };
  g_autofree char *path = make_archive ("cut.zip", FALSE, zip, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);
  const char * const *problems;

  /* Nothing before the damage is lost. */
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpstr (post_with_id (posts, "3")->text, ==, "third");
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "outbox.json in “cut.zip”"));
  g_assert_nonnull (strstr (error->message, "incomplete"));

  g_assert_cmpuint (sg_archive_reader_get_n_skipped (reader), ==, 2);
  problems = sg_archive_reader_get_problems (reader);
  g_assert_cmpuint (g_strv_length ((GStrv) problems), ==, 2);
  g_assert_cmpstr (problems[0], ==, "outbox.json, item 2: not valid JSON; skipped.");
  g_assert_cmpstr (problems[1], ==, "outbox.json, item 3: the post has no id; skipped.");
}

static void
test_invalid_utf8 (void)
{
  const char *tweets =
    "window.YTD.tweets.part0 = [ "
    "{\"tweet\": {\"id_str\": \"1\", \"full_text\": \"bad \xff byte\"}},"
    "{\"tweet\": {\"id_str\": \"2\", \"full_text\": \"nul\\u0000inside\"}},"
    "{\"tweet\": {\"id_str\": \"3\", \"full_text\": \"fine\"}} ]";
  const char *csv = "Date,ShareLink,ShareCommentary\n2020-01-01 00:00:00,,\"caf\xe9\"\n";
  g_autofree char *x = make_file ("tweets.js", tweets, -1);
  g_autofree char *li = make_file ("Shares.csv", csv, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (x, NULL, &reader, &error);
  g_autoptr(SgArchiveReader) li_reader = NULL;
  g_autoptr(GPtrArray) li_posts = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_assert_cmpstr (post_with_id (posts, "1")->text, ==, "bad \xef\xbf\xbd byte");
  g_assert_cmpstr (post_with_id (posts, "2")->text, ==, "nul inside");
  g_assert_cmpstr (post_with_id (posts, "3")->text, ==, "fine");
  g_assert_cmpuint (sg_archive_reader_get_n_repaired (reader), ==, 1);
  g_assert_nonnull (strstr (sg_archive_reader_get_problems (reader)[0], "item 1"));

  li_posts = read_posts (li, NULL, &li_reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (li_posts->len, ==, 1);
  g_assert_cmpstr (((SgPastPost *) g_ptr_array_index (li_posts, 0))->text, ==,
                   "caf\xef\xbf\xbd");
  g_assert_cmpuint (sg_archive_reader_get_n_repaired (li_reader), ==, 1);
}

/* Every string a post, the sources, the problems or the error hold. */
static void
assert_all_utf8 (GPtrArray       *posts,
                 SgArchiveReader *reader,
                 const GError    *error)
{
  const char * const *list;

  for (guint i = 0; i < posts->len; i++)
    {
      SgPastPost *p = g_ptr_array_index (posts, i);
      const char *strings[] = { p->platform, p->id, p->text, p->content_warning, p->url,
                                p->in_reply_to, p->source };

      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        g_assert_true (strings[j] == NULL || g_utf8_validate (strings[j], -1, NULL));
      for (guint j = 0; p->media_descriptions != NULL && p->media_descriptions[j] != NULL; j++)
        g_assert_true (g_utf8_validate (p->media_descriptions[j], -1, NULL));
    }
  for (list = sg_archive_reader_get_sources (reader); *list != NULL; list++)
    g_assert_true (g_utf8_validate (*list, -1, NULL));
  for (list = sg_archive_reader_get_problems (reader); *list != NULL; list++)
    g_assert_true (g_utf8_validate (*list, -1, NULL));
  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Found by fuzzing: the JSON is valid UTF-8 when json-glib gets it, but json-glib 1.6 hands
 * out a lone surrogate "\ud83d" as CESU-8 bytes (ED A0 BD), and a \u escape cut short
 * ("\u00f" then "é") swallows the bytes after it raw. Every platform's strings are checked
 * after its reader, so the post's text, description and id come out valid, counted as
 * repaired. */
static void
test_json_escapes_utf8 (void)
{
  const char *tweets =
    "window.YTD.tweets.part0 = [ "
    "{\"tweet\": {\"created_at\": \"Mon Jan 01 00:00:00 +0000 2024\", \"id_str\": \"1\", \"full_text\": \"lone \\ud83d surrogate\","
    "  \"extended_entities\": {\"media\": [{\"ext_alt_text\": \"alt \\udbff end\"}]}}},"
    "{\"tweet\": {\"created_at\": \"Mon Jan 01 00:00:00 +0000 2024\", \"id_str\": \"2\", \"full_text\": \"short \\u00f\xc3\xa9 escape\"}},"
    "{\"tweet\": {\"created_at\": \"Mon Jan 01 00:00:00 +0000 2024\", \"id_str\": \"3\\ud800x\", \"full_text\": \"in the id\"}},"
    "{\"tweet\": {\"created_at\": \"Mon Jan 01 00:00:00 +0000 2024\", \"id_str\": \"4\", \"full_text\": \"fine \\ud83d\\ude02\"}} ]";
  const char *outbox =
    "{\"type\": \"OrderedCollection\", \"orderedItems\": ["
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/1\","
    " \"type\": \"Note\", \"summary\": \"cw \\ud83d x\", \"content\": \"<p>x \\u00f\xc3\xa9</p>\"}}]}";
  const char *facebook =
    "[{\"timestamp\": 1577836800, \"data\": [{\"post\": \"caf\\u00c3\\u00a9 \\ud83d x\"}]}]";
  g_autofree char *x = make_file ("tweets.js", tweets, -1);
  g_autofree char *m = make_file ("outbox.json", outbox, -1);
  g_autofree char *f = make_file ("your_posts_1.json", facebook, -1);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SgArchiveReader) reader = NULL;
    g_autoptr(GPtrArray) posts = read_posts (x, NULL, &reader, &error);
    SgPastPost *p;

    g_assert_no_error (error);
    g_assert_cmpuint (posts->len, ==, 4);
    assert_all_utf8 (posts, reader, error);
    p = g_ptr_array_index (posts, 0);
    g_assert_nonnull (strstr (p->text, "lone \xef\xbf\xbd"));
    g_assert_nonnull (strstr (p->media_descriptions[0], "alt \xef\xbf\xbd"));
    g_assert_nonnull (strstr (((SgPastPost *) g_ptr_array_index (posts, 1))->text, "short "));
    g_assert_cmpstr (((SgPastPost *) g_ptr_array_index (posts, 3))->text, ==, "fine 😂");
    g_assert_cmpuint (sg_archive_reader_get_n_repaired (reader), ==, 3);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SgArchiveReader) reader = NULL;
    g_autoptr(GPtrArray) posts = read_posts (m, NULL, &reader, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (posts->len, ==, 1);
    assert_all_utf8 (posts, reader, error);
    g_assert_true (g_str_has_prefix (((SgPastPost *) g_ptr_array_index (posts, 0))->content_warning,
                                     "cw \xef\xbf\xbd"));
    g_assert_cmpuint (sg_archive_reader_get_n_repaired (reader), ==, 1);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SgArchiveReader) reader = NULL;
    g_autoptr(GPtrArray) posts = read_posts (f, NULL, &reader, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (posts->len, ==, 1);
    assert_all_utf8 (posts, reader, error);
  }
}

/* Found by fuzzing: an item that is only white space or a byte order mark is a JSON document
 * with no value to json-glib (it parses, and its root is NULL). It is skipped as not JSON,
 * in the first item (where the list's kind is told) and later. */
static void
test_empty_item (void)
{
  const char *lists[] = {
    "[\xef\xbb\xbf, {\"timestamp\": 1577836800, \"data\": [{\"post\": \"after\"}]}]",
    "[{\"timestamp\": 1577836800, \"data\": [{\"post\": \"before\"}]}, \xef\xbb\xbf]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *path = make_file ("your_posts_1.json", lists[i], -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(SgArchiveReader) reader = NULL;
      g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (posts->len, ==, 1);
      g_assert_cmpuint (sg_archive_reader_get_n_skipped (reader), ==, 1);
      g_assert_nonnull (strstr (sg_archive_reader_get_problems (reader)[0], "not valid JSON"));
    }
}

/* Found by fuzzing: X's "window.YTD.tweets.part0=" with a byte that is not UTF-8 just before
 * the "=" was matched by a GRegex in UTF-8 mode, and PCRE2's JIT read past the string's end
 * for the rest of the character (a SEGV under AddressSanitizer) and took the prefix as X's,
 * so the file was read (which is what fails here without the fix, in any build). The prefix
 * is bytes: it is refused as malformed, whatever follows. */
static void
test_ytd_prefix_bytes (void)
{
  const char *prefixes[] = {
    "window.YTD.tweets.part0\xff= [",          /* the crash: a bad byte last, before "=" */
    "window.YTD.tweets.part0\xf0= [",
    "window.YTD.tweets.part0\xe2\x80= [",
    "window.YTD.tweets.part0\xff = [",
    "window.YTD.tw\xc3" "eets.part0 = [",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *data = g_strconcat (prefixes[i],
                                           "{\"tweet\": {\"id_str\": \"1\", \"full_text\": \"x\","
                                           " \"created_at\": \"Thu Oct 11 00:00:00 +0000 2018\"}}]",
                                           NULL);
      g_autofree char *path = make_file ("tweets.js", data, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(SgArchiveReader) reader = NULL;
      g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);

      g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
      g_assert_cmpuint (posts->len, ==, 0);
      assert_all_utf8 (posts, reader, error);
    }
}

/* Found by fuzzing: a zip's file names are bytes in the zipping computer's encoding, and the
 * sources, every post's source and the messages quote them. They come out as UTF-8. */
static void
test_names_utf8 (void)
{
  const Entry zip[] = {
    { "d\xe9j\xe0/tweets.js", TWEETS_JS },
    { "\xff\xfe/Shares.csv", "Date,ShareLink,ShareCommentary\n2020-01-01 00:00:00,,hello\n" },
    { "\xc0\xaf/outbox.json", "{\"orderedItems\": [ {\"type\": " },
  };
  g_autofree char *path = make_archive ("latin1-names.zip", FALSE, zip, G_N_ELEMENTS (zip));
  g_autofree char *odd = tmp_path ("tweets-\xff.js");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GPtrArray) posts = read_posts (path, NULL, &reader, &error);

  /* The Mastodon file is cut off: the error quotes its name. */
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_cmpuint (posts->len, >=, 3);
  g_assert_cmpuint (g_strv_length ((GStrv) sg_archive_reader_get_sources (reader)), ==, 3);
  assert_all_utf8 (posts, reader, error);
  g_assert_nonnull (strstr (((SgPastPost *) g_ptr_array_index (posts, 0))->source, "tweets.js"));
  g_clear_error (&error);
  g_clear_object (&reader);
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* A bare posts file whose name on the disk is not UTF-8. */
  g_assert_true (g_file_set_contents (odd, TWEETS_JS, -1, NULL));
  posts = read_posts (odd, NULL, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, >, 0);
  assert_all_utf8 (posts, reader, error);
}

/* Whatever the bytes, every text handed out is UTF-8: each kind of file, bare and zipped,
 * with bytes that are not UTF-8 and escapes json-glib mishandles written over it at a few
 * hundred places (a fixed seed, so a failure repeats). */
static void
test_always_utf8 (void)
{
  static const char * const bad[] = {
    "\xff", "\xc3", "\xed\xa0\xbd", "\\ud83d", "\\udc00", "\\u00f", "\\u", "\xe2\x82",
    "\xf4\x90\x80\x80", "\xc0\xaf", "\\u0000", "&#xD800;", "&#55357;", "&#x110000;", "&#0;",
  };
  const struct { const char *name, *data; } files[] = {
    { "outbox.json", MASTODON_OUTBOX }, { "tweets.js", TWEETS_JS },
    { "your_posts_1.json", FACEBOOK_POSTS }, { "Shares.csv", SHARES_CSV },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    for (guint round = 0; round < 60; round++)
      {
        g_autoptr(GString) data = g_string_new (files[f].data);
        g_autofree char *path = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(SgArchiveReader) reader = NULL;
        g_autoptr(GPtrArray) posts = NULL;

        for (guint k = 0; k < 4; k++)
          {
            gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) data->len);

            g_string_insert (data, (gssize) at, bad[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad))]);
          }
        if (round % 2 == 0)
          path = make_file (files[f].name, data->str, (gssize) data->len);
        else
          {
            const Entry zip[] = { { files[f].name, data->str } };

            path = make_archive ("mutated.zip", FALSE, zip, 1);
          }
        posts = read_posts (path, NULL, &reader, &error);
        g_assert_true (error == NULL || error->domain == SG_ERROR);
        assert_all_utf8 (posts, reader, error);
      }
}

static void
test_cancel (void)
{
  g_autofree char *path = make_file ("outbox.json", MASTODON_OUTBOX, -1);
  g_autoptr(SgArchiveReader) reader = sg_archive_reader_new (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgPastPost) first = sg_archive_reader_next (reader, cancellable, &error);

  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_cancellable_cancel (cancellable);
  g_assert_null (sg_archive_reader_next (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (sg_archive_reader_next (reader, NULL, &error));   /* it stays stopped */
  g_assert_no_error (error);
}

/* ---- Size */

#define N_LARGE 200000

static gsize
large_tweet (GString *out,
             guint    i)
{
  g_string_truncate (out, 0);
  g_string_append_printf (out, "%s{\"tweet\" : {\"id_str\" : \"%u\", \"created_at\" : "
                          "\"Wed Oct 10 20:19:24 +0000 2018\", \"favorite_count\" : \"%u\", "
                          "\"full_text\" : \"Post number %u of a long career on the wards, "
                          "with nothing in it to worry about &amp; a link.\"}}",
                          i == 0 ? "" : ",\n", i + 1, i % 7, i + 1);
  return out->len;
}

static void
test_large (void)
{
  const char *prefix = "window.YTD.tweets.part0 = [ ";
  g_autofree char *path = tmp_path ("large.zip");
  g_autoptr(GString) item = g_string_new (NULL);
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  struct archive *a;
  struct rusage before, after;
  gsize size = strlen (prefix) + 2;
  guint n = 0;
  SgPastPost *post;

  /* Written a post at a time: the test holds no more of it than the reader may. */
  for (guint i = 0; i < N_LARGE; i++)
    size += large_tweet (item, i);
  a = archive_begin (path, FALSE);
  write_entry_header (a, "data/tweets.js", size);
  archive_write_data (a, prefix, strlen (prefix));
  for (guint i = 0; i < N_LARGE; i++)
    archive_write_data (a, item->str, large_tweet (item, i));
  archive_write_data (a, " ]", 2);
  archive_end (a);

  getrusage (RUSAGE_SELF, &before);
  reader = sg_archive_reader_new (path);
  while ((post = sg_archive_reader_next (reader, NULL, &error)) != NULL)
    {
      n++;
      if (n == N_LARGE)
        g_assert_cmpstr (post->id, ==, G_STRINGIFY (N_LARGE));
      sg_past_post_free (post);
    }
  getrusage (RUSAGE_SELF, &after);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N_LARGE);
  /* About 40 MB of posts; the peak grows by far less than that (ru_maxrss is in KiB). */
  g_test_message ("archive of %" G_GSIZE_FORMAT " bytes; peak RSS grew by %ld KiB", size,
                  after.ru_maxrss - before.ru_maxrss);
  g_assert_cmpint (after.ru_maxrss - before.ru_maxrss, <, 16 * 1024);
}

/* ---- socialguard-check --archive */

#define RISKY "Could someone review Margaret Hughes 💙 NHS no 943 476 5919 in bed 4 tonight?"
#define CLEAN "Sepsis can be hard to spot. If you are worried, call 111."

static int
run_check (const char * const  *args,
           char               **out,
           char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SG_CHECK"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
cli_archive (void)
{
  const char *outbox =
    "{\"type\": \"OrderedCollection\", \"orderedItems\": ["
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/11\","
    " \"type\": \"Note\", \"published\": \"2022-03-04T05:06:07Z\", \"url\": \"https://m.example/@a/11\","
    " \"to\": [\"https://www.w3.org/ns/activitystreams#Public\"],"
    " \"content\": \"<p>" RISKY "</p>\"}},"
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/12\","
    " \"type\": \"Note\", \"published\": \"2022-03-05T00:00:00Z\","
    " \"content\": \"<p>" CLEAN "</p>\"}}]}";
  const Entry zip[] = { { "outbox.json", outbox } };

  return make_archive ("cli-mastodon.zip", FALSE, zip, 1);
}

static void
test_cli_text (void)
{
  g_autofree char *path = cli_archive ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:11: 2022-03-04T05:06:07Z: ", path);
  g_autofree char *error_prefix = g_strdup_printf ("%s:11: 2022-03-04T05:06:07Z: error: ", path);
  gboolean has_error = FALSE;
  const char * const args[] = { "--archive", path, NULL };
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  /* Findings in the order of the text: the name (a warning) before the NHS number (an
   * error). */
  g_assert_true (g_str_has_prefix (lines[0], prefix));
  g_assert_true (g_str_has_suffix (lines[0], "]"));
  for (guint i = 0; lines[i] != NULL; i++)
    has_error |= g_str_has_prefix (lines[i], error_prefix);
  g_assert_true (has_error);
  g_assert_nonnull (strstr (out, "[confidentiality."));
  g_assert_null (strstr (out, ":12:"));                    /* the clean post has nothing */
  g_assert_null (strstr (out, "Margaret"));                /* findings, not the posts */
  g_assert_nonnull (strstr (err, "2 posts checked"));
}

static void
test_cli_json (void)
{
  g_autofree char *path = cli_archive ();
  g_autofree char *out = NULL, *err = NULL;
  const char * const args[] = { "--archive", path, "--format=json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *posts, *findings;
  JsonObject *p;

  g_assert_cmpint (run_check (args, &out, &err), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  posts = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (posts), ==, 2);

  p = json_array_get_object_element (posts, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "platform"), ==, "mastodon");
  g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, "11");
  g_assert_cmpstr (json_object_get_string_member (p, "date"), ==, "2022-03-04T05:06:07Z");
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==, "https://m.example/@a/11");
  g_assert_cmpstr (json_object_get_string_member (p, "audience"), ==, "public");
  findings = json_object_get_array_member (p, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (findings, 0),
                                                  "part"), ==, "text");
  g_assert_true (json_object_has_member (json_array_get_object_element (findings, 0), "rule"));

  p = json_array_get_object_element (posts, 1);
  g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, "12");
  g_assert_true (json_object_get_null_member (p, "audience"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "findings")), ==, 0);
}

static void
test_cli_exit_codes (void)
{
  const char *clean_outbox =
    "{\"type\": \"OrderedCollection\", \"orderedItems\": ["
    "{\"type\": \"Create\", \"object\": {\"id\": \"https://m.example/users/a/statuses/1\","
    " \"type\": \"Note\", \"content\": \"<p>" CLEAN "</p>\"}}]}";
  g_autofree char *clean = make_file ("clean-outbox.json", clean_outbox, -1);
  g_autofree char *risky = cli_archive ();
  g_autofree char *unknown = make_file ("unknown.txt", "hello\n", -1);
  g_autofree char *bomb = make_bomb ("cli-bomb.zip", 16 * 1024 * 1024, "outbox.json");
  struct {
    const char *args[5];
    int status;
    const char *err;
  } cases[] = {
    { { "--archive", clean, NULL }, 0, "1 post checked" },
    { { "--archive", risky, "--min-severity=error", NULL }, 1, NULL },
    { { "--archive", unknown, NULL }, 2, "is not an archive SocialGuard can read" },
    { { "--archive", bomb, NULL }, 2, "zip bomb" },
    { { "--archive", clean, "--jsonl", NULL }, 2, "--archive" },
    { { "--archive", clean, "--platform=x", NULL }, 2, "own platform" },
    { { "--archive", clean, "other.txt", NULL }, 2, "--archive" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_check (cases[i].args, &out, &err), ==, cases[i].status);
      if (cases[i].err != NULL)
        g_assert_nonnull (strstr (err, cases[i].err));
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("sg-archive-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/sg/archive/mastodon", test_mastodon);
  g_test_add_func ("/sg/archive/x", test_x);
  g_test_add_func ("/sg/archive/facebook", test_facebook);
  g_test_add_func ("/sg/archive/instagram", test_instagram);
  g_test_add_func ("/sg/archive/linkedin", test_linkedin);
  g_test_add_func ("/sg/archive/html-to-text", test_html_to_text);
  g_test_add_func ("/sg/archive/mojibake", test_mojibake);
  g_test_add_func ("/sg/archive/json-stream", test_json_stream);
  g_test_add_func ("/sg/archive/csv-stream", test_csv_stream);
  g_test_add_func ("/sg/archive/zip-bomb", test_zip_bomb);
  g_test_add_func ("/sg/archive/total-limit", test_total_limit);
  g_test_add_func ("/sg/archive/corrupt-zip", test_corrupt_zip);
  g_test_add_func ("/sg/archive/unknown", test_unknown);
  g_test_add_func ("/sg/archive/malformed-json", test_malformed_json);
  g_test_add_func ("/sg/archive/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sg/archive/json-escapes-utf8", test_json_escapes_utf8);
  g_test_add_func ("/sg/archive/names-utf8", test_names_utf8);
  g_test_add_func ("/sg/archive/empty-item", test_empty_item);
  g_test_add_func ("/sg/archive/ytd-prefix-bytes", test_ytd_prefix_bytes);
  g_test_add_func ("/sg/archive/always-utf8", test_always_utf8);
  g_test_add_func ("/sg/archive/cancel", test_cancel);
  g_test_add_func ("/sg/archive/large", test_large);
  g_test_add_func ("/sg/archive/cli/text", test_cli_text);
  g_test_add_func ("/sg/archive/cli/json", test_cli_json);
  g_test_add_func ("/sg/archive/cli/exit-codes", test_cli_exit_codes);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
