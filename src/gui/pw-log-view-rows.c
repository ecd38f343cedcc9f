/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-format.h"
#include "pw-gui-util.h"
#include "pw-log-entry.h"
#include "pw-log-view-private.h"
#include "pw-task-run.h"

/*
 * PwLogView's rows: a log line as time, level, task and message.
 */


static GtkWidget *
create_cell (guint chars)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (chars > 0)
    {
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), chars);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), chars);
    }

  return cell;
}

/* A line: time, level, task, message, each a GtkInscription, which lays
 * out far less than a label: lines are bound as fast as they scroll. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PwLogView                *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = create_cell (12);
  GtkWidget *level = create_cell (9);
  GtkWidget *task = create_cell (12);
  GtkWidget *message = create_cell (0);

  gtk_widget_add_css_class (box, "log-line");

  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (level, "log-level");
  gtk_widget_add_css_class (task, "dim-label");
  gtk_widget_set_hexpand (message, TRUE);
  gtk_widget_add_css_class (message, "monospace");

  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), level);
  gtk_box_append (GTK_BOX (box), task);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
set_level_class (GtkWidget  *label,
                 const char *css_class)
{
  const char *old = g_object_get_data (G_OBJECT (label), "pw-level-class");

  if (g_strcmp0 (old, css_class) == 0)
    return;
  if (old != NULL)
    gtk_widget_remove_css_class (label, old);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (label), "pw-level-class", (gpointer)css_class);
}

void
_pw_log_view_update_task_label (PwLogView   *self,
                                GtkListItem *item)
{
  PwLogEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *task = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)));
  const char *task_run_id;
  const char *name;

  if (pw_log_model_is_placeholder (entry))
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (task), "");
      return;
    }

  task_run_id = pw_log_entry_get_task_run_id (entry);
  if (task_run_id == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (task), _("flow"));
      return;
    }

  name = g_hash_table_lookup (self->task_names, task_run_id);
  gtk_inscription_set_text (GTK_INSCRIPTION (task), name != NULL ? name : "");
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PwLogView                *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PwLogView                *self)
{
  PwLogEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *level = gtk_widget_get_next_sibling (time);
  GtkWidget *task = gtk_widget_get_next_sibling (level);
  GtkWidget *message = gtk_widget_get_next_sibling (task);
  const char *search = pw_log_search_model_get_text (self->search);
  const char *text;
  g_autofree char *stamp = NULL;
  PangoAttrList *attrs = NULL;
  guint start, end;

  g_hash_table_add (self->bound, item);
  _pw_log_view_update_task_label (self, item);

  if (pw_log_model_is_placeholder (entry))
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (time), "");
      gtk_inscription_set_text (GTK_INSCRIPTION (level), "");
      gtk_inscription_set_text (GTK_INSCRIPTION (message), "");
      gtk_inscription_set_attributes (GTK_INSCRIPTION (message), NULL);
      gtk_widget_set_tooltip_text (message, NULL);
      set_level_class (level, NULL);
      return;
    }

  stamp = pw_format_log_time (pw_log_entry_get_timestamp (entry));
  gtk_inscription_set_text (GTK_INSCRIPTION (time), stamp);
  gtk_inscription_set_text (GTK_INSCRIPTION (level), pw_format_level (pw_log_entry_get_level (entry)));
  set_level_class (level, pw_format_level_css_class (pw_log_entry_get_level (entry)));

  text = pw_log_entry_get_message (entry);
  gtk_inscription_set_text (GTK_INSCRIPTION (message), text);
  gtk_widget_set_tooltip_text (message, strlen (text) > 80 ? text : NULL);

  if (search != NULL && pw_log_text_find (text, search, &start, &end))
    {
      PangoAttribute *attr;

      attrs = pango_attr_list_new ();
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
  gtk_inscription_set_attributes (GTK_INSCRIPTION (message), attrs);
  g_clear_pointer (&attrs, pango_attr_list_unref);
}

/* The factory of the list's rows: a line each, following the view. */
GtkListItemFactory *
_pw_log_view_rows_factory_new (PwLogView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  return factory;
}
