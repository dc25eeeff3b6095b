/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Access tokens and app passwords live in the desktop keyring (the Secret Service), keyed by
 * service ("mastodon", "bluesky"), server and account; never in the database, a file or a
 * log. Without a keyring these fail with SG_ERROR_NOT_SUPPORTED and store nothing. */
void      sg_secrets_store_async   (const char           *service,
                                    const char           *server,
                                    const char           *account,
                                    const char           *secret,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  sg_secrets_store_finish  (GAsyncResult         *result,
                                    GError              **error);
/* The secret, or NULL without an error when none is stored. */
void      sg_secrets_lookup_async  (const char           *service,
                                    const char           *server,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
char     *sg_secrets_lookup_finish (GAsyncResult         *result,
                                    GError              **error);
/* Signing out: removes the secret (TRUE also when there was none). */
void      sg_secrets_clear_async   (const char           *service,
                                    const char           *server,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  sg_secrets_clear_finish  (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
