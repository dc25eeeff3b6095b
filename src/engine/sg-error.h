/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SG_ERROR (sg_error_quark ())

/* One domain for the whole core: every code maps to a message a doctor can act on, so the
 * GUI can show error->message as it is. */
typedef enum {
  SG_ERROR_FAILED,
  SG_ERROR_DATABASE_CORRUPT,   /* not a database, or damaged pages */
  SG_ERROR_DATABASE_TOO_NEW,   /* written by a newer SocialGuard */
  SG_ERROR_DATABASE_IO,        /* folder or file cannot be created, read or written */
  SG_ERROR_DATABASE_READ_ONLY, /* opened read-only and would need migrating */
  SG_ERROR_DATABASE_BUSY,      /* in use by another program right now (locked): try again */
  SG_ERROR_INVALID_INPUT,      /* invalid UTF-8, unreadable file */
  SG_ERROR_INVALID_RULES,      /* a malformed rule pack or data file */
  SG_ERROR_NOT_SUPPORTED,
  SG_ERROR_SIGN_IN_NEEDED,     /* the service refused the token or password (401/403) */
  SG_ERROR_REJECTED,           /* the service refused the post; the message says why */
  SG_ERROR_NETWORK,            /* no answer, or the connection dropped: nothing is known sent */
  SG_ERROR_SERVICE_BUSY,       /* 429 or 5xx, still after the retries */
} SgError;

GQuark sg_error_quark (void);

G_END_DECLS
