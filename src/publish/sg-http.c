/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-http.h"

gboolean
sg_http_sign_in_refused (guint status)
{
  return status == 401 || status == 403;
}

gboolean
sg_http_busy (guint status)
{
  return status == 429 /* Too Many Requests */ || (status >= 500 && status < 600);
}

SgError
sg_http_failure_code (guint status)
{
  if (sg_http_sign_in_refused (status))
    return SG_ERROR_SIGN_IN_NEEDED;
  if (sg_http_busy (status))
    return SG_ERROR_SERVICE_BUSY;
  return SG_ERROR_REJECTED;
}
