/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-archive-private.h"

/* ---- Character references */

typedef struct {
  const char *name;
  const char *utf8;
} Entity;

/* HTML's named references that posts use; &nbsp; is a plain space here, since the text is
 * only read, never laid out. Sorted for bsearch(). */
static const Entity entities[] = {
  { "Aacute", "Á" }, { "Agrave", "À" }, { "Auml", "Ä" }, { "Ccedil", "Ç" },
  { "Eacute", "É" }, { "Egrave", "È" }, { "Ntilde", "Ñ" }, { "Oacute", "Ó" },
  { "Ouml", "Ö" }, { "Uuml", "Ü" },
  { "aacute", "á" }, { "acirc", "â" }, { "agrave", "à" }, { "amp", "&" }, { "apos", "'" },
  { "aring", "å" }, { "atilde", "ã" }, { "auml", "ä" }, { "bdquo", "„" }, { "bull", "•" },
  { "ccedil", "ç" }, { "cent", "¢" }, { "copy", "©" }, { "deg", "°" }, { "divide", "÷" },
  { "eacute", "é" }, { "ecirc", "ê" }, { "egrave", "è" }, { "euml", "ë" }, { "euro", "€" },
  { "frac12", "½" }, { "frac14", "¼" }, { "frac34", "¾" }, { "gt", ">" }, { "hellip", "…" },
  { "iacute", "í" }, { "icirc", "î" }, { "igrave", "ì" }, { "iuml", "ï" }, { "laquo", "«" },
  { "ldquo", "“" }, { "lsquo", "‘" }, { "lt", "<" }, { "mdash", "—" }, { "middot", "·" },
  { "nbsp", " " }, { "ndash", "–" }, { "ntilde", "ñ" }, { "oacute", "ó" }, { "ocirc", "ô" },
  { "ograve", "ò" }, { "oslash", "ø" }, { "otilde", "õ" }, { "ouml", "ö" }, { "para", "¶" },
  { "plusmn", "±" }, { "pound", "£" }, { "quot", "\"" }, { "raquo", "»" }, { "rdquo", "”" },
  { "reg", "®" }, { "rsquo", "’" }, { "sbquo", "‚" }, { "sect", "§" }, { "szlig", "ß" },
  { "times", "×" }, { "trade", "™" }, { "uacute", "ú" }, { "ucirc", "û" }, { "ugrave", "ù" },
  { "uuml", "ü" }, { "yen", "¥" },
};

static int
compare_entity (const void *key,
                const void *item)
{
  return strcmp (key, ((const Entity *) item)->name);
}

/* Appends the character @p (at '&') refers to and returns the bytes it took, or 0 when it is
 * not a reference (then the '&' is text). */
static gsize
decode_reference (const char *p,
                  const char *end,
                  gboolean    minimal,
                  GString    *out)
{
  const char *q = p + 1;
  char name[16];
  gsize n = 0;

  if (q < end && *q == '#' && !minimal)
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      guint64 value = 0;
      gsize digits = 0;

      for (q += hex ? 2 : 1; q < end && g_ascii_isxdigit (*q) && digits < 8; q++, digits++)
        {
          if (!hex && !g_ascii_isdigit (*q))
            break;
          value = value * (hex ? 16 : 10) + (guint64) (hex ? g_ascii_xdigit_value (*q)
                                                          : g_ascii_digit_value (*q));
        }
      if (digits == 0 || q >= end || *q != ';')
        return 0;
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;
      g_string_append_unichar (out, (gunichar) value);
      return (gsize) (q + 1 - p);
    }

  for (; q < end && g_ascii_isalnum (*q) && n < sizeof name - 1; q++)
    name[n++] = *q;
  name[n] = '\0';
  if (n == 0 || q >= end || *q != ';')
    return 0;

  if (minimal)
    {
      const char *c = g_str_equal (name, "amp") ? "&" : g_str_equal (name, "lt") ? "<" :
                      g_str_equal (name, "gt") ? ">" : NULL;

      if (c == NULL)
        return 0;
      g_string_append (out, c);
    }
  else
    {
      const Entity *e = bsearch (name, entities, G_N_ELEMENTS (entities), sizeof entities[0],
                                 compare_entity);

      if (e == NULL)
        return 0;
      g_string_append (out, e->utf8);
    }
  return (gsize) (q + 1 - p);
}

static void
append_decoded (GString    *out,
                const char *text,
                gsize       len,
                gboolean    minimal)
{
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', (gsize) (end - p));
      gsize used;

      if (amp == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, amp - p);
      if ((used = decode_reference (amp, end, minimal, out)) == 0)
        {
          g_string_append_c (out, '&');
          used = 1;
        }
      p = amp + used;
    }
}

char *
sg_archive_decode_entities (const char *text,
                            gboolean    minimal)
{
  GString *out;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  out = g_string_sized_new (len);
  append_decoded (out, text, len, minimal);
  return g_string_free (out, FALSE);
}

/* ---- HTML to text */

typedef struct {
  GString  *out;
  guint     breaks;       /* line breaks owed before the next text */
  gboolean  space;        /* a space owed before the next text */
  guint     pre;          /* inside <pre>: white space is kept */
} Html;

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
put_text (Html       *h,
          const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (is_html_space (c) && h->pre == 0)
        {
          h->space = TRUE;
          continue;
        }
      if (h->out->len > 0 && h->breaks > 0)
        {
          while (h->out->len > 0 && h->out->str[h->out->len - 1] == ' ')
            g_string_truncate (h->out, h->out->len - 1);
          for (guint b = 0; b < MIN (h->breaks, 2); b++)
            g_string_append_c (h->out, '\n');
        }
      else if (h->space && h->out->len > 0 && h->out->str[h->out->len - 1] != '\n')
        g_string_append_c (h->out, ' ');
      h->breaks = 0;
      h->space = FALSE;
      g_string_append_c (h->out, c == '\r' ? '\n' : c);
    }
}

static void
put_break (Html  *h,
           guint  n,
           gboolean add)
{
  h->breaks = add ? h->breaks + n : MAX (h->breaks, n);
  h->space = FALSE;
}

/* Where the tag that starts at @p ('<') ends (after its '>'), or NULL when it does not. */
static const char *
tag_end (const char *p,
         const char *end)
{
  char quote = 0;

  for (p++; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return NULL;
}

static const char *
skip_raw_text (const char *p,
               const char *end,
               const char *closing)
{
  gsize n = strlen (closing);

  for (; p + n <= end; p++)
    if (*p == '<' && g_ascii_strncasecmp (p, closing, n) == 0)
      {
        const char *e = tag_end (p, end);

        return e != NULL ? e : end;
      }
  return end;
}

static void
handle_tag (Html       *h,
            const char *name,
            gboolean    closing)
{
  static const char * const paragraphs[] = {
    "p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "hr", "table",
    NULL
  };
  static const char * const lines[] = {
    "li", "div", "tr", "dt", "dd", "section", "article", "header", "footer", NULL
  };

  if (g_str_equal (name, "br"))
    put_break (h, 1, TRUE);
  else if (g_strv_contains (paragraphs, name))
    put_break (h, 2, FALSE);
  else if (g_strv_contains (lines, name))
    put_break (h, 1, FALSE);

  if (g_str_equal (name, "pre"))
    h->pre = closing ? (h->pre > 0 ? h->pre - 1 : 0) : h->pre + 1;
  else if (g_str_equal (name, "td") || g_str_equal (name, "th"))
    h->space = TRUE;
}

char *
sg_archive_html_to_text (const char *html)
{
  g_autoptr(GString) decoded = g_string_new (NULL);
  const char *p, *end;
  Html h = { NULL };

  g_return_val_if_fail (html != NULL, NULL);

  p = html;
  end = html + strlen (html);
  h.out = g_string_sized_new (end - p);

  while (p < end)
    {
      const char *lt = memchr (p, '<', (gsize) (end - p));
      const char *after;

      g_string_truncate (decoded, 0);
      append_decoded (decoded, p, (lt != NULL ? lt : end) - p, FALSE);
      put_text (&h, decoded->str, decoded->len);
      if (lt == NULL)
        break;
      p = lt;

      if (p + 3 < end && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          p = close != NULL ? close + 3 : end;
          continue;
        }

      if (p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!') &&
          (after = tag_end (p, end)) != NULL)
        {
          gboolean closing = p[1] == '/';
          const char *q = p + (closing ? 2 : 1);
          char name[16];
          gsize n = 0;

          for (; q < after && g_ascii_isalnum (*q) && n < sizeof name - 1; q++)
            name[n++] = g_ascii_tolower (*q);
          name[n] = '\0';
          p = after;

          if (!closing && (g_str_equal (name, "script") || g_str_equal (name, "style")))
            p = skip_raw_text (p, end, g_str_equal (name, "script") ? "</script" : "</style");
          else
            handle_tag (&h, name, closing);
          continue;
        }

      /* A '<' that starts no tag is text ("a < b"). */
      put_text (&h, "<", 1);
      p++;
    }

  while (h.out->len > 0 && is_html_space (h.out->str[h.out->len - 1]))
    g_string_truncate (h.out, h.out->len - 1);
  return g_string_free (h.out, FALSE);
}

/* ---- Facebook's mojibake */

char *
sg_archive_repair_mojibake (const char *text)
{
  g_autoptr(GString) bytes = NULL;
  gboolean high = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0xFF)
        return g_strdup (text);        /* real text: Facebook's mojibake never goes past Latin-1 */
      if (c >= 0x80)
        high = TRUE;
    }
  if (!high)
    return g_strdup (text);

  bytes = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_c (bytes, (char) g_utf8_get_char (p));

  /* "café" typed in Latin-1 on purpose is not valid UTF-8 as bytes: it stays as it was. */
  if (!g_utf8_validate (bytes->str, bytes->len, NULL))
    return g_strdup (text);
  return g_string_free (g_steal_pointer (&bytes), FALSE);
}

/* ---- Bytes that are not UTF-8 */

gboolean
sg_archive_make_valid (GBytes **bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (*bytes, &len);
  gboolean repaired = FALSE;
  GString *out;

  if (!g_utf8_validate (data, len, NULL))
    repaired = TRUE;
  else if (g_strstr_len (data, len, "\\u0000") == NULL &&
           g_strstr_len (data, len, "\\U0000") == NULL)
    return FALSE;

  if (repaired)
    {
      g_autofree char *valid = g_utf8_make_valid (data, len);

      out = g_string_new (valid);
    }
  else
    out = g_string_new_len (data, len);

  /* JSON's \u0000 would end the text as a C string; it is read as a space (one character for
   * one), as socialguard-check does with --jsonl. */
  for (gsize i = 0; i + 6 <= out->len; i++)
    {
      gsize backslashes = 0;

      if (out->str[i] != '\\' || g_ascii_strncasecmp (out->str + i + 1, "u0000", 5) != 0)
        continue;
      for (gsize j = i; j > 0 && out->str[j - 1] == '\\'; j--)
        backslashes++;
      if (backslashes % 2 == 0)
        memcpy (out->str + i, "\\u0020", 6);
    }

  g_bytes_unref (*bytes);
  *bytes = g_string_free_to_bytes (out);
  return repaired;
}

static gboolean
make_valid_string (char **text)
{
  char *valid;

  if (*text == NULL || g_utf8_validate (*text, -1, NULL))
    return FALSE;
  valid = g_utf8_make_valid (*text, -1);
  g_free (*text);
  *text = valid;
  return TRUE;
}

gboolean
sg_archive_post_make_valid (SgPastPost *post)
{
  gboolean repaired = FALSE;

  g_return_val_if_fail (post != NULL, FALSE);

  repaired |= make_valid_string (&post->platform);
  repaired |= make_valid_string (&post->id);
  repaired |= make_valid_string (&post->text);
  repaired |= make_valid_string (&post->content_warning);
  repaired |= make_valid_string (&post->url);
  repaired |= make_valid_string (&post->in_reply_to);
  repaired |= make_valid_string (&post->source);
  for (guint i = 0; post->media_descriptions != NULL && post->media_descriptions[i] != NULL; i++)
    repaired |= make_valid_string (&post->media_descriptions[i]);
  return repaired;
}

char *
sg_archive_valid_name (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  return g_utf8_make_valid (text, -1);
}
