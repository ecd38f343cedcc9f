/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-graph"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-flow-graph-private.h"
#include "pw-flow-graph.h"
#include "pw-flow-private.h"
#include "pw-task-private.h"

/*
 * The flow as a graph of integers. Everything here is linear in tasks plus
 * edges: Kahn's algorithm for the order, Tarjan's for the strongly
 * connected components that hold the cycles, and breadth-first searches
 * over a generation-stamped visited array (no clearing between searches).
 * Edges point downstream: `b` after `a` is the edge a → b, the way a cycle
 * is shown (`a → b → c → a`).
 */

#define NONE G_MAXUINT

static guint
next_stamp (PwFlowGraph *graph)
{
  if (++graph->stamp_gen == 0)
    {
      memset (graph->stamp, 0, sizeof (guint) * graph->n);
      graph->stamp_gen = 1;
    }

  return graph->stamp_gen;
}

/**
 * pw_flow_graph_new: (skip)
 * @flow: a #PwFlow
 *
 * Builds the graph of @flow and orders it.
 *
 * Returns: (transfer full): a new graph
 */
PwFlowGraph *
pw_flow_graph_new (PwFlow *flow)
{
  PwFlowGraph *graph;
  guint n_edges = 0;
  guint m = 0;
  guint head = 0;
  guint *indegree;

  graph = g_new0 (PwFlowGraph, 1);
  graph->tasks = _pw_flow_peek_tasks (flow, &graph->n);
  graph->index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < graph->n; i++)
    {
      PwTask *task = graph->tasks[i];

      if (!g_hash_table_contains (graph->index, task->key))
        g_hash_table_insert (graph->index, task->key, GUINT_TO_POINTER (i + 1));
      if (task->after != NULL)
        n_edges += g_strv_length (task->after);
    }

  graph->stamp = g_new0 (guint, graph->n);
  graph->queue = g_new (guint, graph->n);
  graph->parent = g_new (guint, graph->n);
  graph->up_off = g_new (guint, graph->n + 1);
  graph->up = g_new (guint, MAX (n_edges, 1));
  graph->down_off = g_new0 (guint, graph->n + 1);
  graph->down = g_new (guint, MAX (n_edges, 1));
  graph->order = g_new (guint, graph->n);
  graph->pos = g_new (guint, graph->n);

  /* Upstream lists, without unknown keys and repeats. */
  for (guint i = 0; i < graph->n; i++)
    {
      GStrv after = graph->tasks[i]->after;
      guint stamp = next_stamp (graph);

      graph->up_off[i] = m;
      for (guint k = 0; after != NULL && after[k] != NULL; k++)
        {
          int j = pw_flow_graph_lookup (graph, after[k]);

          if (j < 0 || graph->stamp[j] == stamp)
            continue;

          graph->stamp[j] = stamp;
          graph->up[m++] = j;
          graph->down_off[j + 1]++;
        }
    }
  graph->up_off[graph->n] = m;

  /* Downstream lists by counting sort, so each is in task order. */
  for (guint i = 0; i < graph->n; i++)
    graph->down_off[i + 1] += graph->down_off[i];

  indegree = graph->queue;
  if (graph->n > 0)
    memcpy (indegree, graph->down_off, sizeof (guint) * graph->n);
  for (guint i = 0; i < graph->n; i++)
    for (guint e = graph->up_off[i]; e < graph->up_off[i + 1]; e++)
      graph->down[indegree[graph->up[e]]++] = i;

  /* Kahn's algorithm, first-in first-out from the tasks without upstream
   * in task order: deterministic for a given file. */
  for (guint i = 0; i < graph->n; i++)
    {
      indegree[i] = graph->up_off[i + 1] - graph->up_off[i];
      graph->pos[i] = NONE;
      if (indegree[i] == 0)
        graph->order[graph->n_order++] = i;
    }

  while (head < graph->n_order)
    {
      guint u = graph->order[head];

      graph->pos[u] = head++;
      for (guint e = graph->down_off[u]; e < graph->down_off[u + 1]; e++)
        {
          guint v = graph->down[e];

          if (--indegree[v] == 0)
            graph->order[graph->n_order++] = v;
        }
    }

  return graph;
}

/**
 * pw_flow_graph_free: (skip)
 * @graph: (nullable): a graph
 */
void
pw_flow_graph_free (PwFlowGraph *graph)
{
  if (graph == NULL)
    return;

  g_hash_table_unref (graph->index);
  g_free (graph->up_off);
  g_free (graph->up);
  g_free (graph->down_off);
  g_free (graph->down);
  g_free (graph->order);
  g_free (graph->pos);
  g_free (graph->stamp);
  g_free (graph->queue);
  g_free (graph->parent);
  g_free (graph);
}

/**
 * pw_flow_graph_lookup: (skip)
 * @graph: a graph
 * @key: a task key
 *
 * Returns: the position of the first task with @key, or -1
 */
int
pw_flow_graph_lookup (PwFlowGraph *graph,
                      const char  *key)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (graph->index, key)) - 1;
}

/**
 * pw_flow_graph_is_ancestor: (skip)
 * @graph: a graph
 * @ancestor: a task position
 * @node: a task position
 *
 * Whether @ancestor is upstream of @node, directly or not. Searches upward
 * from @node; in the ordered part of the graph a task placed before
 * @ancestor cannot lead to it, which keeps the search short.
 *
 * Returns: %TRUE if @ancestor is upstream of @node
 */
gboolean
pw_flow_graph_is_ancestor (PwFlowGraph *graph,
                           guint        ancestor,
                           guint        node)
{
  guint anc_pos = graph->pos[ancestor];
  guint head = 0, tail = 0;
  guint stamp;

  if (anc_pos != NONE && graph->pos[node] != NONE && anc_pos >= graph->pos[node])
    return FALSE;

  stamp = next_stamp (graph);
  graph->stamp[node] = stamp;
  graph->queue[tail++] = node;

  while (head < tail)
    {
      guint v = graph->queue[head++];

      for (guint e = graph->up_off[v]; e < graph->up_off[v + 1]; e++)
        {
          guint u = graph->up[e];

          if (u == ancestor)
            return TRUE;
          if (graph->stamp[u] == stamp)
            continue;
          graph->stamp[u] = stamp;

          if (anc_pos != NONE && graph->pos[u] != NONE && graph->pos[u] < anc_pos)
            continue;

          graph->queue[tail++] = u;
        }
    }

  return FALSE;
}

/* Shortest path from @from to @to along downstream edges, staying inside
 * @component when it is not NULL. */
static GArray *
find_path (PwFlowGraph *graph,
           guint        from,
           guint        to,
           const guint *component)
{
  guint head = 0, tail = 0;
  guint stamp = next_stamp (graph);

  graph->stamp[from] = stamp;
  graph->parent[from] = NONE;
  graph->queue[tail++] = from;

  while (head < tail)
    {
      guint v = graph->queue[head++];

      for (guint e = graph->down_off[v]; e < graph->down_off[v + 1]; e++)
        {
          guint w = graph->down[e];

          if (component != NULL && component[w] != component[from])
            continue;

          if (w == to)
            {
              GArray *path = g_array_new (FALSE, FALSE, sizeof (guint));

              g_array_append_val (path, to);
              for (guint x = v; x != NONE; x = graph->parent[x])
                g_array_prepend_val (path, x);

              return path;
            }

          if (graph->stamp[w] == stamp)
            continue;

          graph->stamp[w] = stamp;
          graph->parent[w] = v;
          graph->queue[tail++] = w;
        }
    }

  return NULL;
}

static gboolean
has_self_loop (PwFlowGraph *graph,
               guint        v)
{
  for (guint e = graph->up_off[v]; e < graph->up_off[v + 1]; e++)
    if (graph->up[e] == v)
      return TRUE;

  return FALSE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  GArray *pa = *(GArray **) a;
  GArray *pb = *(GArray **) b;
  guint fa = g_array_index (pa, guint, 0);
  guint fb = g_array_index (pb, guint, 0);

  return fa < fb ? -1 : fa > fb;
}

/**
 * pw_flow_graph_find_cycles: (skip)
 * @graph: a graph
 *
 * Finds one cycle in each group of tasks that depend on each other in a
 * circle (each strongly connected component): the shortest one through the
 * component's first task, as a path that starts and ends with that task.
 *
 * Returns: (transfer full) (element-type GArray): the cycles, ordered by
 *   their first task; empty if the graph is acyclic
 */
GPtrArray *
pw_flow_graph_find_cycles (PwFlowGraph *graph)
{
  GPtrArray *cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n = graph->n;
  guint *idx, *low, *component, *stack, *cs_node, *cs_edge;
  guint8 *on_stack;
  guint counter = 0, sp = 0, n_components = 0;

  if (graph->n_order == n)
    return cycles;

  idx = g_new (guint, n);
  low = g_new (guint, n);
  component = g_new (guint, n);
  stack = g_new (guint, n);
  cs_node = g_new (guint, n);
  cs_edge = g_new (guint, n);
  on_stack = g_new0 (guint8, n);

  for (guint i = 0; i < n; i++)
    {
      idx[i] = NONE;
      component[i] = NONE;
    }

  /* Tarjan's algorithm with an explicit call stack, over the tasks Kahn's
   * algorithm could not place: only they can be on a cycle. */
  for (guint s = 0; s < n; s++)
    {
      guint csp = 0;

      if (graph->pos[s] != NONE || idx[s] != NONE)
        continue;

      idx[s] = low[s] = counter++;
      stack[sp++] = s;
      on_stack[s] = 1;
      cs_node[csp] = s;
      cs_edge[csp] = graph->down_off[s];
      csp++;

      while (csp > 0)
        {
          guint v = cs_node[csp - 1];
          guint e = cs_edge[csp - 1];

          if (e < graph->down_off[v + 1])
            {
              guint w = graph->down[e];

              cs_edge[csp - 1]++;

              if (graph->pos[w] != NONE)
                continue;

              if (idx[w] == NONE)
                {
                  idx[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = 1;
                  cs_node[csp] = w;
                  cs_edge[csp] = graph->down_off[w];
                  csp++;
                }
              else if (on_stack[w])
                {
                  low[v] = MIN (low[v], idx[w]);
                }
              continue;
            }

          csp--;
          if (csp > 0)
            low[cs_node[csp - 1]] = MIN (low[cs_node[csp - 1]], low[v]);

          if (low[v] == idx[v])
            {
              guint first = NONE;
              guint size = 0;
              guint w;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = 0;
                  component[w] = n_components;
                  first = MIN (first, w);
                  size++;
                }
              while (w != v);

              n_components++;

              if (size > 1 || has_self_loop (graph, v))
                {
                  GArray *path = find_path (graph, first, first, component);

                  if (path != NULL)
                    g_ptr_array_add (cycles, path);
                }
            }
        }
    }

  g_ptr_array_sort (cycles, compare_paths);

  g_free (idx);
  g_free (low);
  g_free (component);
  g_free (stack);
  g_free (cs_node);
  g_free (cs_edge);
  g_free (on_stack);

  return cycles;
}

/**
 * pw_flow_graph_format_path: (skip)
 * @graph: a graph
 * @path: task positions
 *
 * Returns: (transfer full): the keys joined by arrows, `a → b → a`
 */
char *
pw_flow_graph_format_path (PwFlowGraph *graph,
                           GArray      *path)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < path->len; i++)
    {
      if (i > 0)
        g_string_append (text, " → ");
      g_string_append (text, graph->tasks[g_array_index (path, guint, i)]->key);
    }

  return g_string_free (text, FALSE);
}

/**
 * pw_flow_topological_order:
 * @flow: a #PwFlow
 * @error: return location for a #GError
 *
 * Orders the tasks so that each comes after all of its upstream tasks.
 * The order is deterministic: tasks without upstream first, in file order,
 * then each task once its last upstream task is placed. Upstream keys that
 * name no task are ignored (validation reports them).
 *
 * Returns: (transfer full) (element-type PwTask): the tasks in order, or
 *   %NULL with %PW_FLOW_ERROR_CYCLE naming a cycle (`a → b → a`)
 */
GPtrArray *
pw_flow_topological_order (PwFlow  *flow,
                           GError **error)
{
  g_autoptr(PwFlowGraph) graph = NULL;
  GPtrArray *order;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  graph = pw_flow_graph_new (flow);

  if (graph->n_order < graph->n)
    {
      g_autoptr(GPtrArray) cycles = pw_flow_graph_find_cycles (graph);
      g_autofree char *text = NULL;

      g_assert (cycles->len > 0);
      text = pw_flow_graph_format_path (graph, g_ptr_array_index (cycles, 0));
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE,
                   _("The tasks of flow “%s” depend on each other in a circle: %s"),
                   pw_flow_get_name (flow), text);
      return NULL;
    }

  order = g_ptr_array_new_full (graph->n, g_object_unref);
  for (guint i = 0; i < graph->n; i++)
    g_ptr_array_add (order, g_object_ref (graph->tasks[graph->order[i]]));

  return order;
}

/**
 * pw_flow_is_upstream:
 * @flow: a #PwFlow
 * @upstream_key: a task key
 * @key: a task key
 *
 * Returns: %TRUE if the task @upstream_key is upstream of the task @key,
 *   directly or through other tasks
 */
gboolean
pw_flow_is_upstream (PwFlow     *flow,
                     const char *upstream_key,
                     const char *key)
{
  g_autoptr(PwFlowGraph) graph = NULL;
  int a, b;

  g_return_val_if_fail (PW_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (upstream_key != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  graph = pw_flow_graph_new (flow);
  a = pw_flow_graph_lookup (graph, upstream_key);
  b = pw_flow_graph_lookup (graph, key);

  return a >= 0 && b >= 0 && pw_flow_graph_is_ancestor (graph, a, b);
}

/**
 * pw_flow_can_connect:
 * @flow: a #PwFlow
 * @upstream_key: the task that would run first
 * @downstream_key: the task that would run after it
 * @error: return location for a #GError
 *
 * Whether adding @upstream_key to the `after` of @downstream_key keeps the
 * flow acyclic, for the canvas to refuse an edge on the spot, with the
 * reason. An edge that already exists can be connected.
 *
 * Returns: %TRUE if the edge is allowed; otherwise %FALSE with
 *   %PW_FLOW_ERROR_NOT_FOUND or %PW_FLOW_ERROR_CYCLE (naming the cycle)
 */
gboolean
pw_flow_can_connect (PwFlow      *flow,
                     const char  *upstream_key,
                     const char  *downstream_key,
                     GError     **error)
{
  g_autoptr(PwFlowGraph) graph = NULL;
  g_autoptr(GArray) path = NULL;
  g_autofree char *text = NULL;
  int up, down;

  g_return_val_if_fail (PW_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (upstream_key != NULL, FALSE);
  g_return_val_if_fail (downstream_key != NULL, FALSE);

  graph = pw_flow_graph_new (flow);
  up = pw_flow_graph_lookup (graph, upstream_key);
  down = pw_flow_graph_lookup (graph, downstream_key);

  if (up < 0 || down < 0)
    {
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NOT_FOUND,
                   _("Flow “%s” has no task “%s”"),
                   pw_flow_get_name (flow), up < 0 ? upstream_key : downstream_key);
      return FALSE;
    }

  if (up == down)
    {
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE,
                   _("Task “%s” cannot run after itself"), upstream_key);
      return FALSE;
    }

  path = find_path (graph, down, up, NULL);
  if (path == NULL)
    return TRUE;

  g_array_prepend_val (path, up);
  text = pw_flow_graph_format_path (graph, path);
  g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE,
               _("Running “%s” after “%s” would make a cycle: %s"),
               downstream_key, upstream_key, text);
  return FALSE;
}
