/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plain text of any size, checked a piece at a time. Writing the report (JSON escaping, code
 * point columns) costs about a fifth of the work for a text with many findings, so it is done
 * on this thread while an analysis thread checks the next piece: the two overlap, and the
 * analyzer still spreads each piece over the processors (sg-analyzer.c). At most two pieces
 * are held at once, so memory stays bounded. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "sg-check-stream.h"
#include "sg-error.h"
#include "sg-text.h"

/* A piece ends at a line end, or at a space, or failing both at a character boundary, once it
 * holds PIECE_SIZE bytes. The engine weighs details together only within 32 KiB, so nothing a
 * piece boundary splits was read together before. */
#define PIECE_SIZE (512 * 1024)

typedef struct {
  char      *text;
  gsize      len;
  GPtrArray *findings;   /* set by the analysis thread */
  GError    *error;
} Piece;

typedef struct {
  SgAnalyzer       *analyzer;
  const char       *platform;
  SgReport         *report;
  const char       *path;
  guint            *n_findings;
  GThread          *thread;
  GAsyncQueue      *todo;       /* Piece *, or the stream itself to stop */
  GAsyncQueue      *done;       /* Piece *, in the order pushed */
  guint             in_flight;
  SgReportPosition  pos;
  gsize             bytes;      /* bytes before the next piece to report */
  GError           *error;      /* the first problem; nothing after it is checked */
} Stream;

static void
piece_free (Piece *piece)
{
  g_free (piece->text);
  g_clear_pointer (&piece->findings, g_ptr_array_unref);
  g_clear_error (&piece->error);
  g_free (piece);
}

static gpointer
analysis_thread (gpointer data)
{
  Stream *stream = data;
  gpointer item;

  while ((item = g_async_queue_pop (stream->todo)) != stream)
    {
      Piece *piece = item;

      piece->findings = sg_analyzer_analyze (stream->analyzer, piece->text, piece->len,
                                             stream->platform, &piece->error);
      g_async_queue_push (stream->done, piece);
    }
  return NULL;
}

/* Reports the oldest piece in flight, waiting for its analysis. */
static void
report_next (Stream *stream)
{
  Piece *piece = g_async_queue_pop (stream->done);

  stream->in_flight--;
  if (stream->error == NULL)
    {
      if (piece->findings == NULL)
        stream->error = g_steal_pointer (&piece->error);
      else
        {
          *stream->n_findings += sg_report_findings_at (stream->report, stream->path,
                                                        piece->text, &stream->pos,
                                                        piece->findings);
          sg_report_position_advance (&stream->pos, piece->text, piece->len);
          stream->bytes += piece->len;
        }
    }
  piece_free (piece);
}

static void
push_piece (Stream     *stream,
            const char *text,
            gsize       len)
{
  Piece *piece;
  gssize bad;

  if (stream->error != NULL)
    return;
  /* Said with the offset in the whole input, not in the piece (NUL bytes are text), and only
   * once what came before has been reported. */
  if ((bad = sg_text_find_invalid_utf8 (text, len)) >= 0)
    {
      gsize offset;

      while (stream->in_flight > 0)
        report_next (stream);
      if (stream->error != NULL)
        return;
      offset = stream->bytes + (gsize) bad;
      g_set_error (&stream->error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The text is not valid UTF-8 (at byte %" G_GSIZE_FORMAT "). Save it as "
                     "UTF-8 and try again."), offset);
      return;
    }

  if (stream->thread == NULL)
    {
      stream->todo = g_async_queue_new ();
      stream->done = g_async_queue_new ();
      stream->thread = g_thread_new ("sg-check", analysis_thread, stream);
    }
  piece = g_new0 (Piece, 1);
  piece->text = g_memdup2 (text, len);
  piece->len = len;
  g_async_queue_push (stream->todo, piece);
  stream->in_flight++;
  /* The previous piece is written while this one is analysed. */
  while (stream->in_flight > 1)
    report_next (stream);
}

static gsize
piece_end (const char *data,
           gsize       len,
           gboolean    last)
{
  gsize cut;

  /* Cut only with a byte beyond PIECE_SIZE in hand: the character at the cut is read below. */
  if (len <= PIECE_SIZE)
    return last ? len : 0;         /* all of it, or wait for more */
  for (cut = PIECE_SIZE; cut > PIECE_SIZE / 2; cut--)
    if (data[cut - 1] == '\n')
      return cut;
  for (cut = PIECE_SIZE; cut > PIECE_SIZE / 2; cut--)
    if (data[cut - 1] == ' ')
      return cut;
  /* Not inside a character: back over at most 3 continuation bytes (a character has at most
   * 4). More than that is not UTF-8, which the piece's check then says; backing further could
   * reach 0, and a cut of 0 never moves on. */
  cut = PIECE_SIZE;
  while (cut > PIECE_SIZE - 3 && ((guchar) data[cut] & 0xC0) == 0x80)
    cut--;
  return ((guchar) data[cut] & 0xC0) == 0x80 ? PIECE_SIZE : cut;
}

static gboolean
read_pieces (Stream  *stream,
             FILE    *file,
             GError **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (PIECE_SIZE + 64 * 1024);
  guint8 chunk[64 * 1024];
  const char *data;
  size_t n;
  gsize cut, len;

  while ((n = fread (chunk, 1, sizeof chunk, file)) > 0 && stream->error == NULL)
    {
      g_byte_array_append (buf, chunk, n);
      while (stream->error == NULL &&
             (cut = piece_end ((const char *) buf->data, buf->len, FALSE)) > 0)
        {
          push_piece (stream, (const char *) buf->data, cut);
          g_byte_array_remove_range (buf, 0, cut);
        }
    }
  if (ferror (file))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("could not be read: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  data = (const char *) buf->data;
  len = buf->len;
  while (len > 0 && stream->error == NULL)
    {
      cut = piece_end (data, len, TRUE);
      push_piece (stream, data, cut);
      data += cut;
      len -= cut;
    }
  return TRUE;
}

gboolean
sg_check_stream_file (SgAnalyzer  *analyzer,
                      const char  *platform,
                      SgReport    *report,
                      const char  *path,
                      FILE        *file,
                      guint       *n_findings,
                      GError     **error)
{
  Stream stream = { analyzer, platform, report, path, n_findings, NULL, NULL, NULL, 0,
                    { 0, 1, 0 }, 0, NULL };
  g_autoptr(GError) read_error = NULL;
  gboolean read = read_pieces (&stream, file, &read_error);

  /* What was read before a failure is still reported, then the failure. */
  while (stream.in_flight > 0)
    report_next (&stream);
  if (stream.thread != NULL)
    {
      g_async_queue_push (stream.todo, &stream);
      g_thread_join (stream.thread);
      g_async_queue_unref (stream.todo);
      g_async_queue_unref (stream.done);
    }

  if (!read)
    {
      g_clear_error (&stream.error);
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (stream.error != NULL)
    {
      g_propagate_error (error, stream.error);
      return FALSE;
    }
  return TRUE;
}
