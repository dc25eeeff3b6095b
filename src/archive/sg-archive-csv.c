/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

struct _SgCsvStream {
  gsize      max_record;
  GPtrArray *fields;
  GString   *field;
  gsize      record_bytes;
  gboolean   too_large;
  gboolean   in_quotes;
  gboolean   quote_closed;   /* a quote just closed a quoted part: "" would be a quote */
  gboolean   field_quoted;
  gboolean   started;        /* the record holds something (a field or a byte) */
  gboolean   after_cr;       /* inside quotes, a CR was just read as a line break */
};

SgCsvStream *
sg_csv_stream_new (gsize max_record)
{
  SgCsvStream *self = g_new0 (SgCsvStream, 1);

  self->max_record = max_record;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  return self;
}

void
sg_csv_stream_free (SgCsvStream *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_free (self);
}

static void
end_field (SgCsvStream *self)
{
  /* A NUL byte would end the field early as a C string: it is read as a space. */
  for (gsize i = 0; i < self->field->len; i++)
    if (self->field->str[i] == '\0')
      self->field->str[i] = ' ';
  if (!self->too_large)
    g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  self->field_quoted = FALSE;
  self->quote_closed = FALSE;
}

static void
end_record (SgCsvStream *self,
            GQueue      *records)
{
  end_field (self);
  if (self->too_large)
    g_queue_push_tail (records, g_ptr_array_new_with_free_func (g_free));
  else
    {
      g_queue_push_tail (records, self->fields);
      self->fields = g_ptr_array_new_with_free_func (g_free);
    }
  g_ptr_array_set_size (self->fields, 0);
  self->record_bytes = 0;
  self->too_large = FALSE;
  self->started = FALSE;
}

static void
append (SgCsvStream *self,
        char         c)
{
  if (self->too_large)
    return;
  if (++self->record_bytes > self->max_record)
    {
      self->too_large = TRUE;
      g_string_truncate (self->field, 0);
      g_ptr_array_set_size (self->fields, 0);
      return;
    }
  g_string_append_c (self->field, c);
}

void
sg_csv_stream_feed (SgCsvStream *self,
                    const char  *data,
                    gsize        len,
                    GQueue      *records)
{
  g_return_if_fail (self != NULL);

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      self->started = TRUE;
      if (self->in_quotes)
        {
          gboolean after_cr = self->after_cr;

          /* A line break inside a field reads as "\n", however the exporter wrote it. */
          self->after_cr = c == '\r';
          if (c == '"')
            {
              self->in_quotes = FALSE;
              self->quote_closed = TRUE;
            }
          else if (c == '\r')
            append (self, '\n');
          else if (c != '\n' || !after_cr)
            append (self, c);
          continue;
        }

      if (c == '"' && self->quote_closed)
        {
          append (self, '"');          /* "" inside quotes */
          self->in_quotes = TRUE;
          self->quote_closed = FALSE;
          continue;
        }
      self->quote_closed = FALSE;

      if (c == '"' && self->field->len == 0 && !self->field_quoted)
        self->in_quotes = self->field_quoted = TRUE;
      else if (c == ',')
        end_field (self);
      else if (c == '\n')
        end_record (self, records);
      else if (c == '\r')
        ;                              /* part of a CRLF line end */
      else
        append (self, c);
    }
}

gboolean
sg_csv_stream_finish (SgCsvStream  *self,
                      GQueue       *records,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->in_quotes)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("it ends inside a quoted field: the file is incomplete"));
      return FALSE;
    }
  if (self->started)
    end_record (self, records);
  return TRUE;
}
