/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"
#include "pw-backend.h"
#include "pw-window.h"

G_BEGIN_DECLS

#define TIMEOUT_MS 20000

typedef struct
{
  char          *tmpdir;
  char          *db_path;
  PwApplication *app;
  PwWindow      *window;
  PwFlowsPage   *flows_page;
  PwRunsPage    *runs_page;
  PwBackend     *backend;
} Fixture;

/* How the test tells the app which database to use. */
typedef enum
{
  DB_FROM_PROPERTY,
  DB_FROM_OPTION,
  DB_FROM_ENVIRONMENT,
} DbChoice;

typedef struct
{
  gboolean first_run;
  void   (*body) (Fixture *fixture);
  DbChoice db_choice;
} AppTest;

typedef gboolean (*Condition) (gpointer data);

gboolean      wait_until           (Condition      condition,
                                    gpointer       data);
void          settle               (guint          ms);
GtkWidget    *find_descendant      (GtkWidget     *widget,
                                    GType          type,
                                    const char    *css_name);
gboolean      has_label_containing (GtkWidget     *widget,
                                    const char    *text);
gboolean      wait_for_label       (GtkWidget     *widget,
                                    const char    *text);
GtkWidget    *find_menu_button_with_model (GtkWidget *widget);
GtkWindow    *find_toplevel        (GType          type);
gboolean      widget_drawn         (gpointer       data);
void          save_screenshot      (GtkWidget     *widget,
                                    const char    *name);
void          remove_tree          (const char    *path);
char         *examples_dir         (void);
GPtrArray    *example_names        (void);
GFile        *example_file         (guint          index);
guint         n_flows              (Fixture       *fixture);
GtkWidget    *library_root         (Fixture       *fixture);
const char   *flows_view           (Fixture       *fixture);
void          assert_flows_state   (Fixture       *fixture,
                                    guint          n,
                                    const char    *view);
GPtrArray    *row_names            (Fixture       *fixture);
void          set_search           (Fixture       *fixture,
                                    const char    *text);
GFile        *write_broken_flow    (Fixture       *fixture);

void          fixture_set_up       (Fixture       *fixture,
                                    gconstpointer  user_data);
void          run_app_test         (Fixture       *fixture,
                                    gconstpointer  user_data);
void          fixture_tear_down    (Fixture       *fixture,
                                    gconstpointer  user_data);

gboolean      wait_for_string      (gpointer       object,
                                    const char  *(*get) (gpointer object),
                                    const char    *expected);
gboolean      wait_for_n_items     (GListModel    *model,
                                    guint          n);
gboolean      wait_for_at_least    (GListModel    *model,
                                    guint          n);
GAsyncResult *wait_for_result      (GAsyncResult **slot);
void          import_flow_text     (Fixture       *fixture,
                                    const char    *file_name,
                                    const char    *text);
PwFlowRun    *start_run            (Fixture       *fixture,
                                    const char    *flow_name,
                                    const char    *parameters);
PwFlowRun    *read_run             (Fixture       *fixture,
                                    const char    *flow_run_id);
void          wait_for_run_end     (Fixture       *fixture,
                                    const char    *flow_run_id);
gboolean      wait_for_view_state  (PwRunView     *view,
                                    PwStateType    type);
void          activate_row         (GtkColumnView *view,
                                    guint          position);
int           ui_test_init         (int           *argc,
                                    char        ***argv,
                                    char         **home);

#define add_app_test_with_db(path, body, db_choice) \
  G_STMT_START { \
    static const AppTest test = { FALSE, body, db_choice }; \
    g_test_add (path, Fixture, &test, fixture_set_up, run_app_test, fixture_tear_down); \
  } G_STMT_END

#define add_app_test(path, first_run, body) \
  G_STMT_START { \
    static const AppTest test = { first_run, body, DB_FROM_PROPERTY }; \
    g_test_add (path, Fixture, &test, fixture_set_up, run_app_test, fixture_tear_down); \
  } G_STMT_END

G_END_DECLS
