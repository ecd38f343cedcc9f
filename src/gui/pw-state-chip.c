/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-state-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-format.h"
#include "pw-state-chip.h"

/*
 * PwStateChip: a run's state as a small coloured pill (“Completed”,
 * “Awaiting Retry” …), its colour saying how it went. Screen readers read
 * “State: Completed”.
 */
struct _PwStateChip
{
  GtkWidget    parent_instance;

  GtkWidget   *label;
  PwStateType  type;
  char        *name;
  const char  *css_class;
};

G_DEFINE_FINAL_TYPE (PwStateChip, pw_state_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE_TYPE,
  PROP_STATE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pw_state_chip_new (void)
{
  return g_object_new (PW_TYPE_STATE_CHIP, NULL);
}

PwStateType
pw_state_chip_get_state_type (PwStateChip *self)
{
  g_return_val_if_fail (PW_IS_STATE_CHIP (self), PW_STATE_TYPE_SCHEDULED);
  return self->type;
}

const char *
pw_state_chip_get_state_name (PwStateChip *self)
{
  g_return_val_if_fail (PW_IS_STATE_CHIP (self), NULL);
  return self->name;
}

/**
 * pw_state_chip_get_label:
 *
 * Returns: the text the chip shows
 */
const char *
pw_state_chip_get_label (PwStateChip *self)
{
  g_return_val_if_fail (PW_IS_STATE_CHIP (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->label));
}

static void
update (PwStateChip *self)
{
  const char *label = pw_format_state_name (self->name, self->type);
  const char *css_class = pw_format_state_css_class (self->type);
  g_autofree char *accessible = NULL;

  if (g_strcmp0 (self->name, "Late") == 0 || g_strcmp0 (self->name, "AwaitingRetry") == 0)
    css_class = "late";

  if (css_class != self->css_class)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      self->css_class = css_class;
    }

  gtk_label_set_label (GTK_LABEL (self->label), label);

  /* Translators: what a screen reader says for a run's state chip */
  accessible = g_strdup_printf (_("State: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/**
 * pw_state_chip_set_state:
 * @type: the state's type
 * @name: (nullable): its name, %NULL for the type's default name
 */
void
pw_state_chip_set_state (PwStateChip *self,
                         PwStateType  type,
                         const char  *name)
{
  gboolean type_changed, name_changed;

  g_return_if_fail (PW_IS_STATE_CHIP (self));

  type_changed = self->type != type;
  name_changed = g_strcmp0 (self->name, name) != 0;

  if (!type_changed && !name_changed && self->css_class != NULL)
    return;

  self->type = type;
  if (name_changed)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }

  update (self);

  if (type_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TYPE]);
  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_NAME]);
}

static void
pw_state_chip_dispose (GObject *object)
{
  PwStateChip *self = (PwStateChip *)object;

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (pw_state_chip_parent_class)->dispose (object);
}

static void
pw_state_chip_finalize (GObject *object)
{
  PwStateChip *self = (PwStateChip *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (pw_state_chip_parent_class)->finalize (object);
}

static void
pw_state_chip_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwStateChip *self = PW_STATE_CHIP (object);

  switch (prop_id)
    {
    case PROP_STATE_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_STATE_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_state_chip_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwStateChip *self = PW_STATE_CHIP (object);

  switch (prop_id)
    {
    case PROP_STATE_TYPE:
      pw_state_chip_set_state (self, g_value_get_enum (value), self->name);
      break;

    case PROP_STATE_NAME:
      pw_state_chip_set_state (self, self->type, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_state_chip_class_init (PwStateChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_state_chip_dispose;
  object_class->finalize = pw_state_chip_finalize;
  object_class->get_property = pw_state_chip_get_property;
  object_class->set_property = pw_state_chip_set_property;

  properties[PROP_STATE_TYPE] =
    g_param_spec_enum ("state-type", NULL, NULL,
                       PW_TYPE_STATE_TYPE, PW_STATE_TYPE_SCHEDULED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statechip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
pw_state_chip_init (PwStateChip *self)
{
  self->type = PW_STATE_TYPE_SCHEDULED;
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  update (self);
}
