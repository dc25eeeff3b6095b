/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-error.h"

G_DEFINE_QUARK (sg-error-quark, sg_error)
