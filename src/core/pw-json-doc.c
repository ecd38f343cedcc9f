/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-json-doc"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-json-doc.h"

/*
 * A small JSON parser (RFC 8259) for flow files. json-glib 1.6 recurses
 * without a limit (deep input crashes it), keeps only the last of two
 * members with the same name, knows no line numbers once parsed, and
 * spends as long freeing its tree as the rest of loading a flow. This one
 * parses into values allocated in blocks, keeps strings in one copy of the
 * text (unescaped in place), records the line of every value, refuses to
 * nest deeper than asked before it recurses, and frees everything at once.
 *
 * The text must be valid UTF-8 (the caller checks, to report where it is
 * not); a NUL byte or a `\u0000` escape is a syntax error, so that every
 * string is a C string.
 */

G_DEFINE_QUARK (pw-json-doc-error-quark, pw_json_doc_error)

#define BLOCK_SIZE 4096

struct _PwJsonDoc
{
  char        *text;
  GPtrArray   *blocks;
  PwJsonValue *block;
  guint        used;
  PwJsonValue *root;
};

typedef struct
{
  PwJsonDoc  *doc;
  char       *p;
  char       *end;
  const char *line_start;
  guint       line;
  guint       max_depth;

  /* The first error. */
  int         code;
  const char *error_at;
  char       *message;
} Parser;

static PwJsonValue *
new_value (Parser     *ps,
           PwJsonType  type)
{
  PwJsonDoc *doc = ps->doc;
  PwJsonValue *value;

  if (doc->block == NULL || doc->used == BLOCK_SIZE)
    {
      doc->block = g_new (PwJsonValue, BLOCK_SIZE);
      doc->used = 0;
      g_ptr_array_add (doc->blocks, doc->block);
    }

  value = &doc->block[doc->used++];
  value->type = type;
  value->line = ps->line;
  value->length = 0;
  value->name = NULL;
  value->next = NULL;

  return value;
}

/* What is at @at, for messages: "`x`" or "the end of the text". */
static char *
describe_at (Parser     *ps,
             const char *at)
{
  if (at >= ps->end)
    return g_strdup (_("the end of the text"));

  return g_strdup_printf ("`%.*s`", (int) (g_utf8_next_char (at) - at), at);
}

static gboolean fail (Parser     *ps,
                      int         code,
                      const char *at,
                      const char *format,
                      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Parser     *ps,
      int         code,
      const char *at,
      const char *format,
      ...)
{
  va_list args;

  if (ps->message != NULL)
    return FALSE;

  va_start (args, format);
  ps->message = g_strdup_vprintf (format, args);
  va_end (args);

  ps->code = code;
  ps->error_at = at;

  return FALSE;
}

static gboolean
fail_expected (Parser     *ps,
               const char *expected)
{
  g_autofree char *found = describe_at (ps, ps->p);

  /* TRANSLATORS: "expected `,` or `]`, found `x`" */
  return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, ps->p, _("expected %s, found %s"), expected, found);
}

static inline void
skip_blanks (Parser *ps)
{
  for (;;)
    {
      char c = *ps->p;

      if (c == ' ' || c == '\t' || c == '\r')
        ps->p++;
      else if (c == '\n')
        {
          ps->p++;
          ps->line++;
          ps->line_start = ps->p;
        }
      else
        return;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;
  return TRUE;
}

/* Reads the string at ps->p (on its opening quote), unescaping it in place
 * and ending it with a NUL where its closing quote was. */
static gboolean
parse_string (Parser      *ps,
              const char **out,
              guint       *out_length)
{
  char *start = ++ps->p;
  char *p = start;
  char *w = NULL;

  for (;;)
    {
      guchar c = *p;

      if (c == '"')
        break;

      if (c == '\\')
        {
          char *escape = p;
          char replacement;
          gunichar ch;

          if (w == NULL)
            w = p;

          switch (p[1])
            {
            case '"': replacement = '"'; break;
            case '\\': replacement = '\\'; break;
            case '/': replacement = '/'; break;
            case 'b': replacement = '\b'; break;
            case 'f': replacement = '\f'; break;
            case 'n': replacement = '\n'; break;
            case 'r': replacement = '\r'; break;
            case 't': replacement = '\t'; break;
            case 'u': replacement = 0; break;
            default:
              return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, escape,
                           _("unknown escape `\\%.1s` in a string"), p[1] ? p + 1 : "");
            }

          if (replacement != 0)
            {
              *w++ = replacement;
              p += 2;
              continue;
            }

          if (!read_hex4 (p + 2, &ch))
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, escape,
                         _("`\\u` must be followed by four hexadecimal digits"));
          p += 6;

          if (ch >= 0xd800 && ch <= 0xdbff)
            {
              gunichar low;

              if (p[0] != '\\' || p[1] != 'u' || !read_hex4 (p + 2, &low) ||
                  low < 0xdc00 || low > 0xdfff)
                return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, escape,
                             _("`\\u%.4s` starts a surrogate pair but no second half follows"),
                             escape + 2);
              ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          else if (ch >= 0xdc00 && ch <= 0xdfff)
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, escape,
                         _("`\\u%.4s` is the second half of a surrogate pair, alone"), escape + 2);
          else if (ch == 0)
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, escape,
                         _("strings cannot contain `\\u0000`"));

          w += g_unichar_to_utf8 (ch, w);
          continue;
        }

      if (c < 0x20)
        {
          if (c == '\0' && p >= ps->end)
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, start - 1, _("this string is never closed"));
          if (c == '\n')
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, p,
                         _("a string cannot span lines; write a line break as `\\n`"));
          return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, p,
                       _("a string cannot contain control character U+%04X; write it as `\\u%04x`"),
                       c, c);
        }

      if (w != NULL)
        *w++ = c;
      p++;
    }

  if (w == NULL)
    w = p;
  *w = '\0';

  *out = start;
  *out_length = w - start;
  ps->p = p + 1;

  return TRUE;
}

static gboolean
parse_number (Parser      *ps,
              PwJsonValue *value)
{
  char *start = ps->p;
  char *p = start;
  gboolean negative = FALSE;
  gboolean is_double = FALSE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (*p == '0')
    p++;
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        {
          guint digit = *p - '0';

          if (magnitude > (G_MAXUINT64 - digit) / 10)
            overflow = TRUE;
          else
            magnitude = magnitude * 10 + digit;
          p++;
        }
    }
  else
    return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, start, _("`-` must be followed by digits"));

  if (g_ascii_isdigit (*p))
    return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, start, _("numbers cannot start with `0`"));

  if (*p == '.')
    {
      is_double = TRUE;
      p++;
      if (!g_ascii_isdigit (*p))
        return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, p,
                     _("`.` in a number must be followed by digits"));
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'e' || *p == 'E')
    {
      is_double = TRUE;
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, p, _("the exponent of a number needs digits"));
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (!is_double && !overflow &&
      magnitude <= (negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64))
    {
      value->type = PW_JSON_INTEGER;
      value->v.integer = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }
  else
    {
      /* Integers too large for 64 bits become doubles, as in json-glib. */
      value->type = PW_JSON_DOUBLE;
      value->v.number = g_ascii_strtod (start, NULL);
    }

  ps->p = p;
  return TRUE;
}

static gboolean
parse_literal (Parser      *ps,
               PwJsonValue *value)
{
  static const struct { const char *word; PwJsonType type; gboolean truth; } literals[] = {
    { "true", PW_JSON_BOOLEAN, TRUE },
    { "false", PW_JSON_BOOLEAN, FALSE },
    { "null", PW_JSON_NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i].word);

      /* The text ends with padding, so reading n bytes is safe. */
      if (memcmp (ps->p, literals[i].word, n) == 0 && !g_ascii_isalnum (ps->p[n]))
        {
          value->type = literals[i].type;
          value->v.boolean = literals[i].truth;
          ps->p += n;
          return TRUE;
        }
    }

  return fail_expected (ps, _("a value"));
}

static PwJsonValue *parse_value (Parser *ps,
                                 guint   depth);

static gboolean
parse_array (Parser      *ps,
             PwJsonValue *array,
             guint        depth)
{
  PwJsonValue **tail = &array->v.first;

  array->v.first = NULL;
  ps->p++;
  skip_blanks (ps);

  if (*ps->p == ']')
    {
      ps->p++;
      return TRUE;
    }

  for (;;)
    {
      PwJsonValue *element = parse_value (ps, depth);

      if (element == NULL)
        return FALSE;

      *tail = element;
      tail = &element->next;
      array->length++;

      skip_blanks (ps);
      if (*ps->p == ',')
        {
          ps->p++;
          skip_blanks (ps);
          if (*ps->p == ']')
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, ps->p,
                         _("a comma cannot come before `]`"));
          continue;
        }
      if (*ps->p == ']')
        {
          ps->p++;
          return TRUE;
        }

      return fail_expected (ps, _("`,` or `]`"));
    }
}

static gboolean
parse_object (Parser      *ps,
              PwJsonValue *object,
              guint        depth)
{
  PwJsonValue **tail = &object->v.first;

  object->v.first = NULL;
  ps->p++;
  skip_blanks (ps);

  if (*ps->p == '}')
    {
      ps->p++;
      return TRUE;
    }

  for (;;)
    {
      PwJsonValue *member;
      const char *name;
      guint name_length;

      if (*ps->p != '"')
        return fail_expected (ps, _("a member name in double quotes"));
      if (!parse_string (ps, &name, &name_length))
        return FALSE;

      skip_blanks (ps);
      if (*ps->p != ':')
        return fail_expected (ps, _("`:` after the member name"));
      ps->p++;

      member = parse_value (ps, depth);
      if (member == NULL)
        return FALSE;

      member->name = name;
      *tail = member;
      tail = &member->next;
      object->length++;

      skip_blanks (ps);
      if (*ps->p == ',')
        {
          ps->p++;
          skip_blanks (ps);
          if (*ps->p == '}')
            return fail (ps, PW_JSON_DOC_ERROR_SYNTAX, ps->p,
                         _("a comma cannot come before `}`"));
          continue;
        }
      if (*ps->p == '}')
        {
          ps->p++;
          return TRUE;
        }

      return fail_expected (ps, _("`,` or `}`"));
    }
}

/* Containers nest at most ps->max_depth deep: the recursion is bounded
 * before it starts. */
static PwJsonValue *
parse_value (Parser *ps,
             guint   depth)
{
  PwJsonValue *value;
  gboolean ok;

  skip_blanks (ps);

  switch (*ps->p)
    {
    case '{':
    case '[':
      if (depth >= ps->max_depth)
        {
          fail (ps, PW_JSON_DOC_ERROR_TOO_DEEP, ps->p,
                _("arrays and objects are nested more than %u levels deep"), ps->max_depth);
          return NULL;
        }
      if (*ps->p == '{')
        {
          value = new_value (ps, PW_JSON_OBJECT);
          ok = parse_object (ps, value, depth + 1);
        }
      else
        {
          value = new_value (ps, PW_JSON_ARRAY);
          ok = parse_array (ps, value, depth + 1);
        }
      break;

    case '"':
      value = new_value (ps, PW_JSON_STRING);
      ok = parse_string (ps, &value->v.string, &value->length);
      break;

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      value = new_value (ps, PW_JSON_INTEGER);
      ok = parse_number (ps, value);
      break;

    default:
      if (ps->p >= ps->end)
        {
          fail_expected (ps, _("a value"));
          return NULL;
        }
      value = new_value (ps, PW_JSON_NULL);
      ok = parse_literal (ps, value);
      break;
    }

  return ok ? value : NULL;
}

/**
 * pw_json_doc_parse:
 * @data: (array length=length): UTF-8 JSON text
 * @length: the length of @data in bytes
 * @max_depth: how deep arrays and objects may nest (the top level is 1)
 * @error_line: (out) (optional): on error, its line (from 1)
 * @error_column: (out) (optional): on error, its column in characters (from 1)
 * @error: return location for a #GError
 *
 * Parses @data. The message of @error does not repeat the location.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
PwJsonDoc *
pw_json_doc_parse (const char  *data,
                   gsize        length,
                   guint        max_depth,
                   guint       *error_line,
                   guint       *error_column,
                   GError     **error)
{
  g_autoptr(PwJsonDoc) doc = g_new0 (PwJsonDoc, 1);
  Parser ps = { NULL };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  /* A private copy, padded so that a literal can be compared past the
   * end, in which strings are unescaped and terminated in place. */
  doc->text = g_malloc (length + 8);
  memcpy (doc->text, data, length);
  memset (doc->text + length, 0, 8);
  doc->blocks = g_ptr_array_new_with_free_func (g_free);

  ps.doc = doc;
  ps.p = doc->text;
  ps.end = doc->text + length;
  ps.line_start = doc->text;
  ps.line = 1;
  ps.max_depth = max_depth;

  skip_blanks (&ps);
  if (ps.p >= ps.end)
    fail (&ps, PW_JSON_DOC_ERROR_EMPTY, ps.p, _("there is no JSON value"));
  else
    {
      doc->root = parse_value (&ps, 0);
      if (doc->root != NULL)
        {
          skip_blanks (&ps);
          if (ps.p < ps.end)
            fail (&ps, PW_JSON_DOC_ERROR_SYNTAX, ps.p,
                  *ps.p == '\0' ? _("the text contains a NUL byte")
                                : _("the text goes on after the end of the JSON value"));
        }
    }

  if (ps.message != NULL)
    {
      /* Lines only end in blanks (strings cannot span lines), so the line
       * is right. Count the column in the caller's text: strings in the
       * copy have been cut by NULs. */
      if (error_line != NULL)
        *error_line = ps.line;
      if (error_column != NULL)
        *error_column = g_utf8_strlen (data + (ps.line_start - doc->text),
                                       ps.error_at - ps.line_start) + 1;

      g_set_error_literal (error, PW_JSON_DOC_ERROR, ps.code, ps.message);
      g_free (ps.message);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

/**
 * pw_json_doc_free:
 * @doc: (nullable): a document
 *
 * Frees @doc and every value and string in it.
 */
void
pw_json_doc_free (PwJsonDoc *doc)
{
  if (doc == NULL)
    return;

  g_clear_pointer (&doc->blocks, g_ptr_array_unref);
  g_free (doc->text);
  g_free (doc);
}

/**
 * pw_json_doc_get_root:
 * @doc: a document
 *
 * Returns: (transfer none): the top-level value
 */
PwJsonValue *
pw_json_doc_get_root (PwJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->root;
}

/**
 * pw_json_value_describe:
 * @value: a value
 *
 * Returns: its type as messages say it: "a string", "an integer"…
 */
const char *
pw_json_value_describe (PwJsonValue *value)
{
  switch (value->type)
    {
    case PW_JSON_NULL:
      return _("null");
    case PW_JSON_BOOLEAN:
      return _("a boolean");
    case PW_JSON_INTEGER:
      return _("an integer");
    case PW_JSON_DOUBLE:
      return _("a number");
    case PW_JSON_STRING:
      return _("a string");
    case PW_JSON_ARRAY:
      return _("an array");
    case PW_JSON_OBJECT:
    default:
      return _("an object");
    }
}

/**
 * pw_json_value_get_member:
 * @object: an object value
 * @name: a member name
 *
 * Returns: (nullable): the first member named @name
 */
PwJsonValue *
pw_json_value_get_member (PwJsonValue *object,
                          const char  *name)
{
  g_return_val_if_fail (object != NULL && object->type == PW_JSON_OBJECT, NULL);

  for (PwJsonValue *member = object->v.first; member != NULL; member = member->next)
    if (strcmp (member->name, name) == 0)
      return member;

  return NULL;
}

/**
 * pw_json_value_to_node:
 * @value: a value
 *
 * Converts @value into a json-glib tree, for the model objects that keep
 * JSON values. Of two members with the same name, the last one is kept.
 *
 * Returns: (transfer full): a new sealed #JsonNode
 */
JsonNode *
pw_json_value_to_node (PwJsonValue *value)
{
  JsonNode *node;

  switch (value->type)
    {
    case PW_JSON_NULL:
      node = json_node_init_null (json_node_alloc ());
      break;
    case PW_JSON_BOOLEAN:
      node = json_node_init_boolean (json_node_alloc (), value->v.boolean);
      break;
    case PW_JSON_INTEGER:
      node = json_node_init_int (json_node_alloc (), value->v.integer);
      break;
    case PW_JSON_DOUBLE:
      node = json_node_init_double (json_node_alloc (), value->v.number);
      break;
    case PW_JSON_STRING:
      node = json_node_init_string (json_node_alloc (), value->v.string);
      break;
    case PW_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (value->length);

        for (PwJsonValue *element = value->v.first; element != NULL; element = element->next)
          json_array_add_element (array, pw_json_value_to_node (element));
        node = json_node_init_array (json_node_alloc (), array);
      }
      break;
    case PW_JSON_OBJECT:
    default:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (PwJsonValue *member = value->v.first; member != NULL; member = member->next)
          json_object_set_member (object, member->name, pw_json_value_to_node (member));
        node = json_node_init_object (json_node_alloc (), object);
      }
      break;
    }

  json_node_seal (node);
  return node;
}
