/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* "PwRi": written to PRAGMA application_id so that another program's
 * database is told apart from ours. */
#define PW_STORE_APPLICATION_ID 0x50577269

/* Who owns a running flow run: enough to tell, on the same machine, whether
 * that process still lives (DESIGN.md §4). The pid is only comparable when
 * the boot and the pid namespace are the same as ours. */
typedef struct
{
  char   *host;
  char   *boot_id;
  char   *pid_namespace;
  int     pid;
  gint64  start_time;
} PwRunOwner;

typedef enum
{
  PW_OWNER_ALIVE,
  PW_OWNER_GONE,
  PW_OWNER_UNKNOWN,
} PwOwnerLiveness;

struct _PwStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GHashTable  *statements;
  GRecMutex    lock;
  guint        lock_depth;
  guint        transaction_depth;
  guint        read_only : 1;
  guint        read_only_folder : 1;
  PwRunOwner   self_owner;
};

/* Holds the store's lock for a scope: declare it before any PwStmt so that
 * the statements are released first. */
typedef PwStore PwStoreLocker;

void        pw_store_lock               (PwStore             *self);
void        pw_store_unlock             (PwStore             *self);

static inline PwStoreLocker *
pw_store_locker_new (PwStore *self)
{
  pw_store_lock (self);
  return self;
}

static inline void
pw_store_locker_free (PwStoreLocker *self)
{
  pw_store_unlock (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStoreLocker, pw_store_locker_free)

/* A statement from the store's cache; releasing it resets it for reuse. */
typedef struct sqlite3_stmt PwStmt;

static inline void
pw_stmt_release (PwStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStmt, pw_stmt_release)

/* A SELECT built from a filter: its text and its values, bound in order. */
typedef struct
{
  GString   *sql;
  GPtrArray *values;
  gboolean   has_where;
} PwQuery;

PwQuery    *pw_query_new                (const char          *sql);
void        pw_query_free               (PwQuery             *query);
void        pw_query_append             (PwQuery             *query,
                                         const char          *sql);
void        pw_query_add_text           (PwQuery             *query,
                                         const char          *sql,
                                         const char          *value);
void        pw_query_add_int64          (PwQuery             *query,
                                         const char          *sql,
                                         gint64               value);
void        pw_query_add_time           (PwQuery             *query,
                                         const char          *sql,
                                         GDateTime           *value);
void        pw_query_add_any            (PwQuery             *query,
                                         const char          *column,
                                         const char * const  *values);
void        pw_query_add_list           (PwQuery             *query,
                                         const char          *sql,
                                         const char * const  *values);
void        pw_query_add_not_any        (PwQuery             *query,
                                         const char          *column,
                                         const char * const  *values);
void        pw_query_add_like           (PwQuery             *query,
                                         const char          *column,
                                         const char          *text);
void        pw_query_add_tags_all       (PwQuery             *query,
                                         const char          *column,
                                         const char * const  *tags);
void        pw_query_add_tags_is_null   (PwQuery             *query,
                                         const char          *column,
                                         PwNullFilter         is_null);
void        pw_query_add_is_null        (PwQuery             *query,
                                         const char          *column,
                                         PwNullFilter         is_null);
void        pw_query_add_state_types    (PwQuery             *query,
                                         const char          *column,
                                         guint                state_types);
void        pw_query_append_query       (PwQuery             *query,
                                         PwQuery             *other);
void        pw_query_add_limit          (PwQuery             *query,
                                         gint64               limit);
void        pw_query_add_page           (PwQuery             *query,
                                         guint                limit,
                                         guint                offset);
PwStmt     *pw_query_prepare            (PwQuery             *query,
                                         PwStore             *store,
                                         GError             **error);

/* Makes a record (a GObject) of the statement's current row. */
typedef gpointer (*PwRowReader) (PwStmt *stmt);

GPtrArray  *pw_query_list               (PwQuery             *query,
                                         PwStore             *store,
                                         PwRowReader          read_row,
                                         GError             **error);
gint64      pw_query_count              (PwQuery             *query,
                                         PwStore             *store,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwQuery, pw_query_free)

/* pw-store.c */
PwStmt     *pw_store_prepare            (PwStore             *self,
                                         const char          *sql,
                                         GError             **error);
int         pw_store_step               (PwStore             *self,
                                         PwStmt              *stmt,
                                         GError             **error);
gboolean    pw_store_run                (PwStore             *self,
                                         PwStmt              *stmt,
                                         GError             **error);
char       *pw_store_query_text         (PwStore             *self,
                                         const char          *sql,
                                         const char          *first,
                                         const char          *second,
                                         GError             **error);
gboolean    pw_store_exec               (PwStore             *self,
                                         const char          *sql,
                                         GError             **error);
gboolean    pw_store_set_error          (PwStore             *self,
                                         int                  rc,
                                         const char          *doing,
                                         GError             **error);
gboolean    pw_store_check_writable     (PwStore             *self,
                                         GError             **error);
gboolean    pw_store_transaction_begin  (PwStore             *self,
                                         GError             **error);
gboolean    pw_store_transaction_commit (PwStore             *self,
                                         GError             **error);
void        pw_store_transaction_rollback (PwStore           *self);
gboolean    pw_store_write_begin        (PwStore             *self,
                                         GError             **error);
gboolean    pw_store_write_end          (PwStore             *self,
                                         gboolean             ok,
                                         GError             **error);

/* pw-store-values.c: values in and out of statements. Times are integer
 * microseconds UTC. */
char       *pw_store_new_id             (void);
gint64      pw_store_time_to_usec       (GDateTime           *date_time);
GDateTime  *pw_store_time_from_usec     (gint64               usec);
gint64      pw_store_now_usec           (GDateTime           *now);
void        pw_bind_text                (PwStmt              *stmt,
                                         int                  index,
                                         const char          *text);
void        pw_bind_time                (PwStmt              *stmt,
                                         int                  index,
                                         GDateTime           *date_time);
void        pw_bind_usec                (PwStmt              *stmt,
                                         int                  index,
                                         gint64               usec);
void        pw_bind_optional_int64      (PwStmt              *stmt,
                                         int                  index,
                                         gboolean             set,
                                         gint64               value);
char       *pw_column_dup_text          (PwStmt              *stmt,
                                         int                  column);
gint64      pw_column_usec              (PwStmt              *stmt,
                                         int                  column);
GDateTime  *pw_column_time              (PwStmt              *stmt,
                                         int                  column);
GStrv       pw_column_strv              (PwStmt              *stmt,
                                         int                  column);
char       *pw_store_strv_to_json       (const char * const  *strv);
gboolean    pw_store_check_json_object  (const char          *text,
                                         const char          *what,
                                         GError             **error);

/* pw-store-schema.c */
guint       pw_store_schema_latest      (void);
gboolean    pw_store_migrate            (PwStore             *self,
                                         guint                from_version,
                                         GError             **error);

/* pw-store-states.c: what a run keeps beside its state history. */
typedef enum
{
  PW_RUN_KIND_FLOW,
  PW_RUN_KIND_TASK,
} PwRunKind;

typedef struct
{
  gboolean    has_state;
  PwStateType state_type;
  gint64      state_timestamp;
  gint64      start_time;          /* 0: not started */
  gint64      end_time;            /* 0: not ended */
  gint64      next_scheduled_start_time;  /* 0: none */
  gint64      run_count;
  gint64      total_run_time;      /* microseconds */
} PwRunTimes;

/* The columns of a state row (STATE_COLUMNS), 9 of them, from alias s. */
#define PW_STATE_COLUMNS \
  "s.id, s.type, s.name, s.message, s.timestamp, s.scheduled_time, s.details," \
  " s.flow_run_id, s.task_run_id"
#define PW_N_STATE_COLUMNS 9

PwState    *pw_store_read_state         (PwStmt              *stmt,
                                         int                  first_column);
PwState    *pw_store_read_run_state     (PwStmt              *stmt,
                                         int                  type_column,
                                         int                  first_column);
gboolean    pw_store_prepare_state      (PwStore             *self,
                                         PwState             *state,
                                         PwRunKind            kind,
                                         const char          *run_id,
                                         GError             **error);
gboolean    pw_store_insert_state       (PwStore             *self,
                                         PwState             *state,
                                         GError             **error);
void        pw_run_times_apply          (PwRunTimes          *times,
                                         PwState             *state);
gboolean    pw_store_set_run_state      (PwStore             *self,
                                         PwRunKind            kind,
                                         const char          *run_id,
                                         PwState             *state,
                                         GError             **error);
GPtrArray  *pw_store_list_run_states    (PwStore             *self,
                                         PwRunKind            kind,
                                         const char          *run_id,
                                         GError             **error);
gboolean    pw_store_set_run_not_found  (PwRunKind            kind,
                                         const char          *run_id,
                                         GError             **error);
const char *pw_store_cut_result         (const char          *result,
                                         char               **out_valid,
                                         gboolean            *out_truncated);

/* pw-store-owner.c */
void        pw_run_owner_init_self      (PwRunOwner          *owner);
void        pw_run_owner_clear          (PwRunOwner          *owner);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwRunOwner, pw_run_owner_clear)
PwOwnerLiveness pw_run_owner_check      (const PwRunOwner    *owner,
                                         const PwRunOwner    *self_owner);
gboolean    pw_store_claim_flow_run_for (PwStore             *self,
                                         const char          *flow_run_id,
                                         const PwRunOwner    *owner,
                                         GDateTime           *now,
                                         GError             **error);

G_END_DECLS
