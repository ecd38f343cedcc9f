/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-gui-util"

#include "config.h"

#include "pw-gui-util.h"

/**
 * pw_add_toast:
 * @widget: a widget inside a window with a toast overlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the overlay around @widget (dropped when there is none,
 * as for a widget not in a window).
 */
void
pw_add_toast (GtkWidget *widget,
              AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}
