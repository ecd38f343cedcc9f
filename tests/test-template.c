/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-template"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pw-template.h"

static gboolean
collect (const PwTemplateRef *ref,
         gpointer             user_data)
{
  GString *out = user_data;
  g_autofree char *text = pw_template_ref_to_string (ref);

  g_string_append_printf (out, "%s@%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT ";",
                          text, ref->start, ref->end);
  return TRUE;
}

static gboolean
stop_after_first (const PwTemplateRef *ref,
                  gpointer             user_data)
{
  (*(guint *) user_data)++;
  return FALSE;
}

static void
test_scan_kinds (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "a {{ params.path }} b {{tasks.read-1.result}} {{ item }}"
                     "{{\tflow_run.id }}{{ flow_run.name }}{{ flow_run.scheduled_time }}";

  g_assert_true (pw_template_scan (text, collect, out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "{{ params.path }}@2-19;"
                   "{{ tasks.read-1.result }}@22-45;"
                   "{{ item }}@46-56;"
                   "{{ flow_run.id }}@56-73;"
                   "{{ flow_run.name }}@73-92;"
                   "{{ flow_run.scheduled_time }}@92-121;");

  g_assert_true (pw_template_has_refs (text));
  g_assert_false (pw_template_has_refs ("plain { text }"));
  g_assert_false (pw_template_has_refs (NULL));
  g_assert_true (pw_template_scan ("no templates } here }}", collect, out, NULL));
}

static void
test_scan_stop (void)
{
  guint count = 0;

  g_assert_true (pw_template_scan ("{{ item }} {{ item }} {{ bad", stop_after_first, &count, NULL));
  g_assert_cmpuint (count, ==, 1);
}

static void
test_scan_malformed (void)
{
  static const char * const bad[] = {
    "echo {{ params.x",
    "{{ foo }}",
    "{{ params. }}",
    "{{ params.1x }}",
    "{{ params.a b }}",
    "{{ tasks.x }}",
    "{{ tasks.x.output }}",
    "{{ tasks..result }}",
    "{{ flow_run.nope }}",
    "{{}}",
    "{{ ITEM }}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pw_template_scan (bad[i], NULL, NULL, &error));
      g_assert_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX);
    }

  {
    g_autoptr(GError) error = NULL;

    pw_template_scan ("abc {{ params.x", NULL, NULL, &error);
    g_assert_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "character 5"));
    g_clear_error (&error);

    pw_template_scan ("{{ tasks.a.output }}", NULL, NULL, &error);
    g_assert_nonnull (strstr (error->message, "unknown template `{{ tasks.a.output }}`"));
  }
}

static void
test_scan_long_name (void)
{
  g_autoptr(GString) text = g_string_new ("{{ params.");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, " }}");

  g_assert_true (pw_template_scan (text->str, collect, out, NULL));
  expected = g_strdup_printf ("%s@0-%" G_GSIZE_FORMAT ";", text->str, text->len);
  g_assert_cmpstr (out->str, ==, expected);
}

static char *
lookup (const PwTemplateRef  *ref,
        gpointer              user_data,
        GError              **error)
{
  GHashTable *values = user_data;
  g_autofree char *text = pw_template_ref_to_string (ref);
  const char *value = g_hash_table_lookup (values, text);

  if (value == NULL && g_str_equal (text, "{{ params.fail }}"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such thing");
      return NULL;
    }

  return g_strdup (value);
}

static GHashTable *
make_values (void)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "{{ params.who }}", "O'Brien; rm -rf /");
  g_hash_table_insert (values, "{{ params.path }}", "/data/my file.csv");
  g_hash_table_insert (values, "{{ tasks.count.result }}", "42");
  g_hash_table_insert (values, "{{ item }}", "GNOME/gtk");
  g_hash_table_insert (values, "{{ params.empty }}", "");

  return values;
}

static void
test_render_none (void)
{
  g_autoptr(GHashTable) values = make_values ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *plain = NULL;

  out = pw_template_render ("https://api.github.com/repos/{{ item }}?n={{tasks.count.result}}",
                            lookup, values, PW_TEMPLATE_QUOTE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "https://api.github.com/repos/GNOME/gtk?n=42");

  plain = pw_template_render ("no templates", lookup, values, PW_TEMPLATE_QUOTE_NONE, &error);
  g_assert_cmpstr (plain, ==, "no templates");
}

static void
test_render_shell (void)
{
  g_autoptr(GHashTable) values = make_values ();
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *empty = NULL;
  g_auto(GStrv) argv = NULL;

  script = pw_template_render ("echo Hello {{ params.who }} && wc -l {{ params.path }}",
                               lookup, values, PW_TEMPLATE_QUOTE_SHELL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (script, ==, "echo Hello 'O'\\''Brien; rm -rf /' && wc -l '/data/my file.csv'");

  /* The shell sees each value as one word, whatever it holds. */
  g_clear_pointer (&script, g_free);
  script = pw_template_render ("echo {{ params.who }}", lookup, values, PW_TEMPLATE_QUOTE_SHELL,
                               &error);
  g_assert_true (g_shell_parse_argv (script, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 2);
  g_assert_cmpstr (argv[1], ==, "O'Brien; rm -rf /");

  empty = pw_template_render ("x={{ params.empty }}", lookup, values, PW_TEMPLATE_QUOTE_SHELL,
                              &error);
  g_assert_cmpstr (empty, ==, "x=''");
}

static void
test_render_errors (void)
{
  g_autoptr(GHashTable) values = make_values ();
  g_autoptr(GError) error = NULL;
  char *out;

  out = pw_template_render ("a {{ params.fail }} b", lookup, values, PW_TEMPLATE_QUOTE_NONE,
                            &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  out = pw_template_render ("a {{ params.unknown }} b", lookup, values, PW_TEMPLATE_QUOTE_NONE,
                            &error);
  g_assert_null (out);
  g_assert_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP);
  g_assert_nonnull (strstr (error->message, "{{ params.unknown }}"));
  g_clear_error (&error);

  out = pw_template_render ("{{ item }} {{ nope }}", lookup, values, PW_TEMPLATE_QUOTE_SHELL,
                            &error);
  g_assert_null (out);
  g_assert_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Model/template/scan-kinds", test_scan_kinds);
  g_test_add_func ("/Model/template/scan-stop", test_scan_stop);
  g_test_add_func ("/Model/template/scan-malformed", test_scan_malformed);
  g_test_add_func ("/Model/template/scan-long-name", test_scan_long_name);
  g_test_add_func ("/Model/template/render-none", test_render_none);
  g_test_add_func ("/Model/template/render-shell", test_render_shell);
  g_test_add_func ("/Model/template/render-errors", test_render_errors);

  return g_test_run ();
}
