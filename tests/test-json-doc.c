/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-doc"

#include "config.h"

#include <string.h>

#include "pw-json-doc.h"

static PwJsonDoc *
parse (const char *text,
       GError    **error)
{
  return pw_json_doc_parse (text, strlen (text), 64, NULL, NULL, error);
}

static PwJsonValue *
nth (PwJsonValue *container,
     guint        n)
{
  PwJsonValue *value = container->v.first;

  while (n-- > 0)
    value = value->next;

  return value;
}

static void
test_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwJsonDoc) doc = NULL;
  PwJsonValue *root, *value;

  doc = parse ("{\n"
               "  \"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 ü\",\n"
               "  \"i\": [0, -0, 42, -7, 9223372036854775807, -9223372036854775808],\n"
               "  \"d\": [1.5, -2e3, 1E+2, 0.25e-1, 9223372036854775808],\n"
               "  \"b\": [true, false, null],\n"
               "  \"e\": [[], {}],\n"
               "  \"s\": \"again\"\n"
               "}", &error);
  g_assert_no_error (error);

  root = pw_json_doc_get_root (doc);
  g_assert_cmpint (root->type, ==, PW_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 6);
  g_assert_cmpuint (root->line, ==, 1);

  value = pw_json_value_get_member (root, "s");
  g_assert_cmpint (value->type, ==, PW_JSON_STRING);
  g_assert_cmpstr (value->v.string, ==, "a\"b\\c/d\b\f\n\r\té😀 ü");
  g_assert_cmpuint (value->length, ==, strlen (value->v.string));
  g_assert_cmpuint (value->line, ==, 2);
  /* Repeated members are kept, in order. */
  g_assert_cmpstr (nth (root, 5)->name, ==, "s");
  g_assert_cmpstr (nth (root, 5)->v.string, ==, "again");

  value = pw_json_value_get_member (root, "i");
  g_assert_cmpuint (value->length, ==, 6);
  g_assert_cmpuint (value->line, ==, 3);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (nth (value, i)->type, ==, PW_JSON_INTEGER);
  g_assert_cmpint (nth (value, 1)->v.integer, ==, 0);
  g_assert_cmpint (nth (value, 3)->v.integer, ==, -7);
  g_assert_cmpint (nth (value, 4)->v.integer, ==, G_MAXINT64);
  g_assert_cmpint (nth (value, 5)->v.integer, ==, G_MININT64);

  value = pw_json_value_get_member (root, "d");
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (nth (value, i)->type, ==, PW_JSON_DOUBLE);
  g_assert_cmpfloat (nth (value, 0)->v.number, ==, 1.5);
  g_assert_cmpfloat (nth (value, 1)->v.number, ==, -2000);
  g_assert_cmpfloat (nth (value, 2)->v.number, ==, 100);
  g_assert_cmpfloat (nth (value, 3)->v.number, ==, 0.025);
  g_assert_cmpfloat (nth (value, 4)->v.number, ==, 9223372036854775808.0);

  value = pw_json_value_get_member (root, "b");
  g_assert_cmpint (nth (value, 0)->type, ==, PW_JSON_BOOLEAN);
  g_assert_true (nth (value, 0)->v.boolean);
  g_assert_false (nth (value, 1)->v.boolean);
  g_assert_cmpint (nth (value, 2)->type, ==, PW_JSON_NULL);

  value = pw_json_value_get_member (root, "e");
  g_assert_cmpint (nth (value, 0)->type, ==, PW_JSON_ARRAY);
  g_assert_cmpuint (nth (value, 0)->length, ==, 0);
  g_assert_null (nth (value, 0)->v.first);
  g_assert_cmpint (nth (value, 1)->type, ==, PW_JSON_OBJECT);
  g_assert_null (pw_json_value_get_member (nth (value, 1), "x"));

  g_assert_null (pw_json_value_get_member (root, "missing"));
  g_assert_cmpstr (pw_json_value_describe (nth (pw_json_value_get_member (root, "d"), 0)), ==,
                   "a number");
}

static void
test_to_node (void)
{
  const char *text = "{\"a\": [1, 2.5, \"x\", true, null, {\"b\": {}}], \"c\": \"\\u00e9\"}";
  g_autoptr(PwJsonDoc) doc = parse (text, NULL);
  g_autoptr(JsonNode) node = pw_json_value_to_node (pw_json_doc_get_root (doc));
  g_autoptr(JsonNode) expected = json_from_string (text, NULL);

  g_assert_true (json_node_is_immutable (node));
  g_assert_true (json_node_equal (node, expected));
}

static void
test_errors (void)
{
  static const struct {
    const char *text;
    int code;
    guint line, column;
    const char *message;
  } cases[] = {
    { "{\"a\": 1,\n \"b\": x}", PW_JSON_DOC_ERROR_SYNTAX, 2, 7, "expected a value, found `x`" },
    { "{\"a\": ", PW_JSON_DOC_ERROR_SYNTAX, 1, 7, "expected a value, found the end of the text" },
    { "[1, 2", PW_JSON_DOC_ERROR_SYNTAX, 1, 6, "expected `,` or `]`, found the end of the text" },
    { "[1 2]", PW_JSON_DOC_ERROR_SYNTAX, 1, 4, "expected `,` or `]`, found `2`" },
    { "{\"a\": 1,}", PW_JSON_DOC_ERROR_SYNTAX, 1, 9, "a comma cannot come before `}`" },
    { "[1,\n]", PW_JSON_DOC_ERROR_SYNTAX, 2, 1, "a comma cannot come before `]`" },
    { "{a: 1}", PW_JSON_DOC_ERROR_SYNTAX, 1, 2,
     "expected a member name in double quotes, found `a`" },
    { "{\"é\" 1}", PW_JSON_DOC_ERROR_SYNTAX, 1, 6,
     "expected `:` after the member name, found `1`" },
    { "\"abc", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "this string is never closed" },
    { "\"a\nb\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 3, "a string cannot span lines" },
    { "\"a\tb\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 3, "control character U+0009" },
    { "\"\\q\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 2, "unknown escape `\\q`" },
    { "\"\\u12\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 2, "four hexadecimal digits" },
    { "\"\\ud800x\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 2, "no second half follows" },
    { "\"\\udc00\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 2, "second half of a surrogate pair" },
    { "\"\\u0000\"", PW_JSON_DOC_ERROR_SYNTAX, 1, 2, "cannot contain `\\u0000`" },
    { "01", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "numbers cannot start with `0`" },
    { "-", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "`-` must be followed by digits" },
    { "1.", PW_JSON_DOC_ERROR_SYNTAX, 1, 3, "`.` in a number must be followed by digits" },
    { "1e+", PW_JSON_DOC_ERROR_SYNTAX, 1, 4, "the exponent of a number needs digits" },
    { "tru", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "expected a value, found `t`" },
    { "nullx", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "expected a value, found `n`" },
    { "+1", PW_JSON_DOC_ERROR_SYNTAX, 1, 1, "expected a value, found `+`" },
    { "{} {}", PW_JSON_DOC_ERROR_SYNTAX, 1, 4, "goes on after the end" },
    { "  \n\t ", PW_JSON_DOC_ERROR_EMPTY, 2, 3, "there is no JSON value" },
    { "[[[[1]]]]", PW_JSON_DOC_ERROR_TOO_DEEP, 1, 4, "nested more than 3 levels deep" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint line = 0, column = 0;
      PwJsonDoc *doc;

      doc = pw_json_doc_parse (cases[i].text, strlen (cases[i].text), 3, &line, &column, &error);
      g_assert_null (doc);
      g_assert_error (error, PW_JSON_DOC_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” has no “%s”", i, error->message, cases[i].message);
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
    }
}

static void
test_nul_byte (void)
{
  static const char text[] = "[1]\0";
  g_autoptr(GError) error = NULL;

  g_assert_null (pw_json_doc_parse (text, sizeof text - 1, 8, NULL, NULL, &error));
  g_assert_error (error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "NUL byte"));
}

/* Deep input is refused at the limit, without recursing any deeper. */
static void
test_depth (void)
{
  gsize n = 1000000;
  g_autofree char *text = g_malloc (2 * n);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwJsonDoc) doc = NULL;
  guint column = 0;

  memset (text, '[', n);
  memset (text + n, ']', n);

  g_assert_null (pw_json_doc_parse (text, 2 * n, 64, NULL, &column, &error));
  g_assert_error (error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_TOO_DEEP);
  g_assert_cmpuint (column, ==, 65);

  doc = pw_json_doc_parse (text + n - 64, 128, 64, NULL, NULL, NULL);
  g_assert_nonnull (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Model/json-doc/values", test_values);
  g_test_add_func ("/Model/json-doc/to-node", test_to_node);
  g_test_add_func ("/Model/json-doc/errors", test_errors);
  g_test_add_func ("/Model/json-doc/nul-byte", test_nul_byte);
  g_test_add_func ("/Model/json-doc/depth", test_depth);

  return g_test_run ();
}
