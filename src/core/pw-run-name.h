/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *pw_run_name_generate (GRand      *rand);
gboolean  pw_run_name_is_valid (const char *name);

G_END_DECLS
