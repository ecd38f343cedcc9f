/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow-file.h"
#include "pw-json-doc.h"

G_BEGIN_DECLS

/*
 * The reader turns a parsed document into a flow, adding a problem (with
 * its line) for every unknown, repeated or missing member and wrong type.
 * A member that is wrong is left at its default and recorded in @broken
 * ("KEY\037member"), so that validation does not report it a second time.
 * @tasks maps each task key to its object in the document, for placing
 * validation problems on a line. Only a newer format stops the reader,
 * with %PW_FLOW_ERROR_NEWER_FORMAT.
 */
PwFlow *_pw_flow_file_read       (PwJsonValue  *root,
                                  const char   *origin,
                                  GPtrArray    *problems,
                                  GHashTable   *broken,
                                  GHashTable   *tasks,
                                  GError      **error);
guint   _pw_flow_file_locate     (PwJsonValue  *root,
                                  GHashTable   *tasks,
                                  const char   *task_key,
                                  const char   *member);
char   *_pw_flow_file_broken_id  (const char   *task_key,
                                  const char   *member);

/* pw-flow-file-values.c: typed members, reporting what is wrong. */
typedef struct
{
  const char * const *names;
  guint               n_names;
  GHashTable         *index;
} PwMemberTable;

typedef struct
{
  GPtrArray  *problems;
  GHashTable *broken;
} PwReader;

int      _pw_reader_member_lookup (PwMemberTable       *table,
                                   const char          *name);
void     _pw_reader_problem       (PwReader            *r,
                                   PwJsonValue         *at,
                                   const char          *task_key,
                                   const char          *member,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (5, 6);
void     _pw_reader_wrong_type    (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   const char          *expected);
void     _pw_reader_gather        (PwReader            *r,
                                   PwMemberTable       *table,
                                   PwJsonValue         *object,
                                   const char          *task_key,
                                   const char          *where,
                                   PwJsonValue        **out);
gboolean _pw_reader_string        (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   gboolean             nullable,
                                   const char         **out);
gboolean _pw_reader_int           (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   int                 *out);
void     _pw_reader_optional_int  (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   int                  if_null,
                                   int                 *out);
gboolean _pw_reader_double        (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   double              *out);
gboolean _pw_reader_strv          (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   GStrv               *out);
gboolean _pw_reader_pairs         (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   GStrv               *out);
gboolean _pw_reader_object        (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   PwJsonValue        **out);
gboolean _pw_reader_choice        (PwReader            *r,
                                   PwJsonValue         *value,
                                   const char          *task_key,
                                   const char          *member,
                                   const char * const  *names,
                                   int                 *out);

char   *_pw_flow_file_write      (PwFlow       *flow,
                                  gsize        *length);

G_END_DECLS
