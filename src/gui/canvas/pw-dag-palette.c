/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-dag-palette.h"
#include "pw-enum-types.h"

/*
 * PwDagPalette: the popover that adds a task. A search entry filters the
 * kinds by their name, description and file spelling, in the user's
 * language and in English; Enter takes the first one shown.
 */

struct _PwDagPalette
{
  GtkPopover      parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkWidget      *empty_label;

  char           *query;
};

G_DEFINE_FINAL_TYPE (PwDagPalette, pw_dag_palette, GTK_TYPE_POPOVER)

enum {
  KIND_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  PwTaskKind  kind;
  const char *title;
  const char *description;
} Entry;

static const Entry entries[] = {
  { PW_TASK_KIND_COMMAND, N_("Command"), N_("Run a program with its arguments, without a shell") },
  { PW_TASK_KIND_SHELL, N_("Shell Script"), N_("Run a /bin/sh script") },
  { PW_TASK_KIND_HTTP, N_("HTTP Request"), N_("Send a request; an answer in the 2xx range is success") },
  { PW_TASK_KIND_SUBFLOW, N_("Sub-flow"), N_("Run another flow as a child run") },
  { PW_TASK_KIND_NOOP, N_("Join"), N_("Wait for the upstream tasks and do nothing else") },
};

static const Entry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "pw-palette-entry");
}

static gboolean
matches (const Entry *entry,
         const char  *query)
{
  const char *texts[] = {
    _(entry->title), _(entry->description), entry->title, entry->description,
    pw_task_kind_to_string (entry->kind),
  };

  if (query == NULL || query[0] == '\0')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_match_string (query, texts[i], TRUE))
      return TRUE;

  return FALSE;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  PwDagPalette *self = user_data;

  return matches (row_entry (row), self->query);
}

static void
update_empty (PwDagPalette *self)
{
  gtk_widget_set_visible (self->empty_label, pw_dag_palette_get_n_shown (self) == 0);
}

static void
on_search_changed (PwDagPalette *self)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_list_box_invalidate_filter (self->list);
  update_empty (self);
}

static void
choose (PwDagPalette *self,
        const Entry  *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[KIND_CHOSEN], 0, entry->kind);
}

static void
on_row_activated (PwDagPalette  *self,
                  GtkListBoxRow *row)
{
  choose (self, row_entry (row));
}

static void
on_search_activate (PwDagPalette *self)
{
  pw_dag_palette_choose_first (self);
}

static void
on_stop_search (PwDagPalette *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static GtkWidget *
make_row (const Entry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_(entry->title));
  GtkWidget *description = gtk_label_new (_(entry->description));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "pw-palette-entry", (gpointer) entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(entry->title), -1);

  return row;
}

static void
pw_dag_palette_show (GtkWidget *widget)
{
  PwDagPalette *self = PW_DAG_PALETTE (widget);

  GTK_WIDGET_CLASS (pw_dag_palette_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pw_dag_palette_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_DAG_PALETTE);

  G_OBJECT_CLASS (pw_dag_palette_parent_class)->dispose (object);
}

static void
pw_dag_palette_finalize (GObject *object)
{
  PwDagPalette *self = (PwDagPalette *)object;

  g_free (self->query);

  G_OBJECT_CLASS (pw_dag_palette_parent_class)->finalize (object);
}

static void
pw_dag_palette_class_init (PwDagPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_dag_palette_dispose;
  object_class->finalize = pw_dag_palette_finalize;
  widget_class->show = pw_dag_palette_show;

  /**
   * PwDagPalette::kind-chosen:
   * @kind: a #PwTaskKind
   *
   * A kind of task was chosen; the popover has closed.
   */
  signals[KIND_CHOSEN] =
    g_signal_new ("kind-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_TASK_KIND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/canvas/pw-dag-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDagPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwDagPalette, list);
  gtk_widget_class_bind_template_child (widget_class, PwDagPalette, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
pw_dag_palette_init (PwDagPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_list_box_append (self->list, make_row (&entries[i]));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  update_empty (self);
}

/**
 * pw_dag_palette_new:
 *
 * Returns: (transfer floating): a new palette
 */
GtkWidget *
pw_dag_palette_new (void)
{
  return g_object_new (PW_TYPE_DAG_PALETTE, NULL);
}

/**
 * pw_dag_palette_reset:
 *
 * Clears the search, before the palette pops up.
 */
void
pw_dag_palette_reset (PwDagPalette *self)
{
  g_return_if_fail (PW_IS_DAG_PALETTE (self));

  pw_dag_palette_set_search (self, "");
}

/**
 * pw_dag_palette_set_search:
 * @text: what to look for
 */
void
pw_dag_palette_set_search (PwDagPalette *self,
                           const char   *text)
{
  g_return_if_fail (PW_IS_DAG_PALETTE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* "search-changed" comes after a delay; filter now. */
  on_search_changed (self);
}

/**
 * pw_dag_palette_get_n_shown:
 *
 * Returns: how many kinds the search lets through
 */
guint
pw_dag_palette_get_n_shown (PwDagPalette *self)
{
  guint n = 0;

  g_return_val_if_fail (PW_IS_DAG_PALETTE (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    n += matches (&entries[i], self->query);
  return n;
}

/**
 * pw_dag_palette_choose_first:
 *
 * Chooses the first kind shown, as Enter in the search does.
 *
 * Returns: %TRUE if one was shown
 */
gboolean
pw_dag_palette_choose_first (PwDagPalette *self)
{
  g_return_val_if_fail (PW_IS_DAG_PALETTE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (matches (&entries[i], self->query))
      {
        choose (self, &entries[i]);
        return TRUE;
      }

  return FALSE;
}
