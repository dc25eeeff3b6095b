/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libsoup, opened when the first request is made rather than linked: with the Kerberos, HTTP/2
 * and public-suffix libraries it brings, it cost every start of the app about 3 ms of loading
 * (see sg-lazy-library.h), and most sessions post nothing. The files of this folder include
 * this instead of <libsoup/soup.h>; the calls below then go through pointers that
 * sg_soup_load() fills, which every session is made through (sg_http_session_new()).
 *
 * Write SoupSession casts as plain C casts and methods as strings ("POST"): SOUP_SESSION()
 * and SOUP_METHOD_POST would reach into the library before it is open. Tests that link
 * libsoup themselves (a loopback SoupServer) share the same copy: opening it again finds it. */

#include <libsoup/soup.h>

#include "sg-lazy-library.h"

G_BEGIN_DECLS

#define SG_SOUP_FUNCS(X) \
  X (soup_date_time_new_from_http_string) X (soup_form_encode) \
  X (soup_message_add_flags) X (soup_message_get_request_headers) \
  X (soup_message_get_response_headers) X (soup_message_get_status) \
  X (soup_message_headers_get_one) X (soup_message_headers_replace) X (soup_message_new) \
  X (soup_message_new_from_encoded_form) X (soup_message_new_from_multipart) \
  X (soup_message_set_request_body_from_bytes) X (soup_multipart_append_form_file) \
  X (soup_multipart_append_form_string) X (soup_multipart_free) X (soup_multipart_new) \
  X (soup_session_get_async_result_message) X (soup_session_new_with_options) \
  X (soup_session_send_and_read) X (soup_session_send_and_read_async) \
  X (soup_session_send_and_read_finish) X (soup_status_get_phrase)

SG_SOUP_FUNCS (SG_LAZY_EXTERN)

#define soup_date_time_new_from_http_string sg_lazy_soup_date_time_new_from_http_string
#define soup_form_encode sg_lazy_soup_form_encode
#define soup_message_add_flags sg_lazy_soup_message_add_flags
#define soup_message_get_request_headers sg_lazy_soup_message_get_request_headers
#define soup_message_get_response_headers sg_lazy_soup_message_get_response_headers
#define soup_message_get_status sg_lazy_soup_message_get_status
#define soup_message_headers_get_one sg_lazy_soup_message_headers_get_one
#define soup_message_headers_replace sg_lazy_soup_message_headers_replace
#define soup_message_new sg_lazy_soup_message_new
#define soup_message_new_from_encoded_form sg_lazy_soup_message_new_from_encoded_form
#define soup_message_new_from_multipart sg_lazy_soup_message_new_from_multipart
#define soup_message_set_request_body_from_bytes sg_lazy_soup_message_set_request_body_from_bytes
#define soup_multipart_append_form_file sg_lazy_soup_multipart_append_form_file
#define soup_multipart_append_form_string sg_lazy_soup_multipart_append_form_string
#define soup_multipart_free sg_lazy_soup_multipart_free
#define soup_multipart_new sg_lazy_soup_multipart_new
#define soup_session_get_async_result_message sg_lazy_soup_session_get_async_result_message
#define soup_session_new_with_options sg_lazy_soup_session_new_with_options
#define soup_session_send_and_read sg_lazy_soup_session_send_and_read
#define soup_session_send_and_read_async sg_lazy_soup_session_send_and_read_async
#define soup_session_send_and_read_finish sg_lazy_soup_session_send_and_read_finish
#define soup_status_get_phrase sg_lazy_soup_status_get_phrase

/* Opens libsoup once. It is a dependency of the package, so when it cannot be opened the
 * installation is broken: this says so plainly and stops, as a missing linked library would
 * have stopped the app before its window. */
void sg_soup_load (void);

G_END_DECLS
