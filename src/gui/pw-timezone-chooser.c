/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timezone-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-timezone-chooser.h"

/*
 * A popover that lists the time zones (from tzdata, with UTC first) with a
 * search entry; activating one emits ::zone-chosen with its name and pops
 * the popover down.
 */

struct _PwTimezoneChooser
{
  GtkPopover       parent_instance;

  GtkSearchEntry  *timezone_search;
  GtkListView     *timezone_list;
  GtkStringFilter *timezone_filter;
};

G_DEFINE_FINAL_TYPE (PwTimezoneChooser, pw_timezone_chooser, GTK_TYPE_POPOVER)

enum {
  ZONE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static GtkStringList *
load_time_zones (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  g_autofree char *contents = NULL;

  gtk_string_list_append (list, "UTC");
  if (g_file_get_contents ("/usr/share/zoneinfo/tzdata.zi", &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      /* "Z Europe/Berlin ..." zones and "L Europe/Berlin Arctic/..." links */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = g_strsplit (lines[i], " ", 4);

          if (g_strv_length (f) >= 2 && g_str_equal (f[0], "Z") && strchr (f[1], '/') != NULL)
            g_ptr_array_add (names, g_strdup (f[1]));
          else if (g_strv_length (f) >= 3 && g_str_equal (f[0], "L") && strchr (f[2], '/') != NULL)
            g_ptr_array_add (names, g_strdup (f[2]));
        }
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          if (i == 0 || g_strcmp0 (g_ptr_array_index (names, i - 1), g_ptr_array_index (names, i)) != 0)
            gtk_string_list_append (list, g_ptr_array_index (names, i));
        }
      g_ptr_array_foreach (names, (GFunc)(void (*)(void))g_free, NULL);
    }
  else
    {
      static const char *fallback[] = {
        "America/Chicago", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo",
        "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
        "Europe/Berlin", "Europe/London", "Europe/Paris", NULL
      };
      for (guint i = 0; fallback[i] != NULL; i++)
        gtk_string_list_append (list, fallback[i]);
    }

  return list;
}

static void
timezone_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
timezone_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *object = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (object));
}

static void
on_timezone_activate (PwTimezoneChooser *self,
                      guint              position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->timezone_list));
  g_autoptr(GtkStringObject) object = g_list_model_get_item (model, position);

  if (object == NULL)
    return;
  g_signal_emit (self, signals[ZONE_CHOSEN], 0, gtk_string_object_get_string (object));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_timezone_search_changed (PwTimezoneChooser *self)
{
  gtk_string_filter_set_search (self->timezone_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->timezone_search)));
}

static void
pw_timezone_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_TIMEZONE_CHOOSER);

  G_OBJECT_CLASS (pw_timezone_chooser_parent_class)->dispose (object);
}

static void
pw_timezone_chooser_class_init (PwTimezoneChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_timezone_chooser_dispose;

  /**
   * PwTimezoneChooser::zone-chosen:
   * @zone: the name of the time zone chosen, such as "Europe/Berlin"
   */
  signals[ZONE_CHOSEN] = g_signal_new ("zone-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-timezone-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PwTimezoneChooser, timezone_search);
  gtk_widget_class_bind_template_child (widget_class, PwTimezoneChooser, timezone_list);
}

static void
pw_timezone_chooser_init (PwTimezoneChooser *self)
{
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->timezone_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->timezone_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->timezone_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (load_time_zones ()),
                                        GTK_FILTER (g_object_ref (self->timezone_filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (timezone_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (timezone_bind), NULL);
  gtk_list_view_set_factory (self->timezone_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->timezone_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  g_object_unref (self->timezone_filter); /* the filter model holds it */
  g_signal_connect_object (self->timezone_list, "activate", G_CALLBACK (on_timezone_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timezone_search, "search-changed", G_CALLBACK (on_timezone_search_changed), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timezone_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time zones"), -1);
}

/**
 * pw_timezone_chooser_new:
 *
 * Returns: (transfer floating): a popover to choose a time zone from
 */
GtkWidget *
pw_timezone_chooser_new (void)
{
  return g_object_new (PW_TYPE_TIMEZONE_CHOOSER, NULL);
}
