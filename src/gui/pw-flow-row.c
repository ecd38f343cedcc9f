/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-row.h"

/* More tags than this would crowd the row; the rest are counted. */
#define MAX_TAG_PILLS 4

/*
 * PwFlowRow: one flow of the library: its name, description, number of
 * tasks, when it was last saved, its version and its tags.
 */
struct _PwFlowRow
{
  GtkListBoxRow  parent_instance;

  /* template children */
  GtkLabel      *name_label;
  GtkLabel      *description_label;
  GtkLabel      *details_label;
  GtkBox        *tags_box;
  GtkLabel      *version_label;

  PwFlowInfo    *info;
};

G_DEFINE_FINAL_TYPE (PwFlowRow, pw_flow_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_INFO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_updated (GDateTime *updated,
                GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, updated);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  gint64 n;

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("updated just now"));

  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "updated %d minute ago",
                                           "updated %d minutes ago", n),
                              (int)n);
    }

  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "updated %d hour ago",
                                           "updated %d hours ago", n),
                              (int)n);
    }

  if (span < 30 * G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "updated %d day ago",
                                           "updated %d days ago", n),
                              (int)n);
    }

  local = g_date_time_to_local (updated);
  /* Translators: a date, see the strftime() manual */
  date = g_date_time_format (local, _("%e %B %Y"));
  g_strstrip (date);
  /* Translators: %s is a date */
  return g_strdup_printf (_("updated on %s"), date);
}

/**
 * pw_flow_row_format_details:
 * @now: the current time, to say how long ago the flow was updated
 *
 * Returns: (transfer full): the row's line of details, such as
 *   "5 tasks · updated 2 hours ago"
 */
char *
pw_flow_row_format_details (PwFlowInfo *info,
                            GDateTime  *now)
{
  guint n_tasks;
  g_autofree char *tasks = NULL;
  g_autofree char *when = NULL;
  GDateTime *updated;

  g_return_val_if_fail (PW_IS_FLOW_INFO (info), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  n_tasks = pw_flow_info_get_n_tasks (info);
  tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", n_tasks), n_tasks);

  updated = pw_flow_info_get_updated (info);
  if (updated == NULL)
    updated = pw_flow_info_get_created (info);
  if (updated == NULL)
    return g_steal_pointer (&tasks);

  when = format_updated (updated, now);
  /* Translators: the number of tasks and when the flow was last saved */
  return g_strdup_printf (_("%s · %s"), tasks, when);
}

static GtkWidget *
create_tag_pill (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "flow-tag");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);

  return label;
}

static void
update (PwFlowRow *self)
{
  const char *description = pw_flow_info_get_description (self->info);
  const char * const *tags = pw_flow_info_get_tags (self->info);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *details = pw_flow_row_format_details (self->info, now);
  g_autofree char *version = NULL;
  g_autofree char *version_tooltip = NULL;
  guint n_tags = tags != NULL ? g_strv_length ((char **)tags) : 0;

  gtk_label_set_label (self->name_label, pw_flow_info_get_name (self->info));

  gtk_label_set_label (self->description_label, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          description != NULL && *description != '\0');

  gtk_label_set_label (self->details_label, details);

  /* Translators: a flow's version number, short */
  version = g_strdup_printf (_("v%u"), pw_flow_info_get_version (self->info));
  version_tooltip = g_strdup_printf (_("Version %u"), pw_flow_info_get_version (self->info));
  gtk_label_set_label (self->version_label, version);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->version_label), version_tooltip);

  for (guint i = 0; i < n_tags && i < MAX_TAG_PILLS; i++)
    gtk_box_append (self->tags_box, create_tag_pill (tags[i]));
  if (n_tags > MAX_TAG_PILLS)
    {
      g_autofree char *more = g_strdup_printf (_("+%u"), n_tags - MAX_TAG_PILLS);
      g_autofree char *all = g_strjoinv (", ", (char **)tags);
      GtkWidget *pill = create_tag_pill (more);

      gtk_widget_set_tooltip_text (pill, all);
      gtk_box_append (self->tags_box, pill);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), n_tags > 0);
}

/**
 * pw_flow_row_new:
 *
 * Returns: (transfer floating): a row showing @info
 */
PwFlowRow *
pw_flow_row_new (PwFlowInfo *info)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (info), NULL);

  return g_object_new (PW_TYPE_FLOW_ROW, "info", info, NULL);
}

PwFlowInfo *
pw_flow_row_get_info (PwFlowRow *self)
{
  g_return_val_if_fail (PW_IS_FLOW_ROW (self), NULL);
  return self->info;
}

static void
pw_flow_row_dispose (GObject *object)
{
  PwFlowRow *self = (PwFlowRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_FLOW_ROW);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (pw_flow_row_parent_class)->dispose (object);
}

static void
pw_flow_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwFlowRow *self = PW_FLOW_ROW (object);

  switch (prop_id)
    {
    case PROP_INFO:
      g_value_set_object (value, self->info);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwFlowRow *self = PW_FLOW_ROW (object);

  switch (prop_id)
    {
    case PROP_INFO:
      self->info = g_value_dup_object (value);
      if (self->info != NULL)
        update (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_row_class_init (PwFlowRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_flow_row_dispose;
  object_class->get_property = pw_flow_row_get_property;
  object_class->set_property = pw_flow_row_set_property;

  /**
   * PwFlowRow:info:
   *
   * The flow shown.
   */
  properties[PROP_INFO] =
    g_param_spec_object ("info", NULL, NULL,
                         PW_TYPE_FLOW_INFO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-flow-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFlowRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, PwFlowRow, version_label);
}

static void
pw_flow_row_init (PwFlowRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
