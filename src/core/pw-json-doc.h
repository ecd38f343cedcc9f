/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PW_JSON_DOC_ERROR (pw_json_doc_error_quark ())

/**
 * PwJsonDocError:
 * @PW_JSON_DOC_ERROR_SYNTAX: the text is not JSON
 * @PW_JSON_DOC_ERROR_TOO_DEEP: arrays and objects nest deeper than allowed
 * @PW_JSON_DOC_ERROR_EMPTY: the text holds no value at all
 *
 * Errors of pw_json_doc_parse().
 */
typedef enum
{
  PW_JSON_DOC_ERROR_SYNTAX,
  PW_JSON_DOC_ERROR_TOO_DEEP,
  PW_JSON_DOC_ERROR_EMPTY,
} PwJsonDocError;

typedef enum
{
  PW_JSON_NULL,
  PW_JSON_BOOLEAN,
  PW_JSON_INTEGER,
  PW_JSON_DOUBLE,
  PW_JSON_STRING,
  PW_JSON_ARRAY,
  PW_JSON_OBJECT,
} PwJsonType;

typedef struct _PwJsonValue PwJsonValue;

/**
 * PwJsonValue:
 * @type: the JSON type
 * @line: the line (from 1) where the value starts
 * @length: the number of elements or members of an array or object, the
 *   length in bytes of a string
 * @name: the member name, for a value inside an object
 * @next: the next element or member of the same array or object
 *
 * One value of a parsed document. Read the payload with the accessors.
 */
struct _PwJsonValue
{
  PwJsonType   type;
  guint        line;
  guint        length;
  const char  *name;
  PwJsonValue *next;
  union {
    gboolean     boolean;
    gint64       integer;
    double       number;
    const char  *string;
    PwJsonValue *first;
  } v;
};

typedef struct _PwJsonDoc PwJsonDoc;

GQuark       pw_json_doc_error_quark  (void);
PwJsonDoc   *pw_json_doc_parse        (const char   *data,
                                       gsize         length,
                                       guint         max_depth,
                                       guint        *error_line,
                                       guint        *error_column,
                                       GError      **error);
void         pw_json_doc_free         (PwJsonDoc    *doc);
PwJsonValue *pw_json_doc_get_root     (PwJsonDoc    *doc);

const char  *pw_json_value_describe   (PwJsonValue  *value);
PwJsonValue *pw_json_value_get_member (PwJsonValue  *object,
                                       const char   *name);
JsonNode    *pw_json_value_to_node    (PwJsonValue  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwJsonDoc, pw_json_doc_free)

G_END_DECLS
