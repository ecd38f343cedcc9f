/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-name"

#include "config.h"

#include <string.h>

#include "pw-run-name.h"

/*
 * Run names in Prefect's manner: an adjective and an animal, such as
 * `crimson-otter`. They are for people to tell runs apart at a glance, not
 * identifiers: two runs may share a name (10,000 combinations).
 */

static const char * const adjectives[] = {
  "able", "agile", "amber", "ancient", "arctic", "azure", "beige", "bold",
  "brave", "breezy", "bright", "brisk", "bronze", "busy", "calm", "careful",
  "cerulean", "charming", "cheerful", "clever", "cobalt", "cosmic", "crimson", "curious",
  "daring", "dapper", "deft", "eager", "earnest", "elegant", "emerald", "fair",
  "famous", "fearless", "fiery", "flying", "fuzzy", "gentle", "gifted", "glossy",
  "golden", "graceful", "grinning", "hallowed", "handsome", "happy", "hardy", "helpful",
  "honest", "humble", "icy", "indigo", "ivory", "jade", "jolly", "keen",
  "kind", "lavender", "lively", "loyal", "lucky", "magenta", "majestic", "mellow",
  "merry", "mighty", "modest", "nimble", "noble", "olive", "orange", "patient",
  "pearl", "placid", "polite", "proud", "quick", "quiet", "radiant", "rapid",
  "ruby", "rustic", "sage", "scarlet", "serene", "shiny", "silver", "smart",
  "sparkling", "spry", "steady", "stellar", "sturdy", "sunny", "swift", "tan",
  "teal", "tidy", "upbeat", "vivid",
};

static const char * const animals[] = {
  "albatross", "alpaca", "antelope", "badger", "beaver", "bee", "bison", "bobcat",
  "buffalo", "butterfly", "camel", "capybara", "caribou", "cat", "chameleon", "cheetah",
  "chipmunk", "cobra", "cougar", "coyote", "crab", "crane", "crow", "deer",
  "dingo", "dolphin", "donkey", "dove", "dragonfly", "duck", "eagle", "eel",
  "elk", "emu", "falcon", "ferret", "finch", "flamingo", "fox", "frog",
  "gazelle", "gecko", "gerbil", "gibbon", "giraffe", "goose", "gopher", "gorilla",
  "grouse", "hare", "hawk", "hedgehog", "heron", "hippo", "horse", "hound",
  "ibex", "iguana", "impala", "jackal", "jaguar", "jellyfish", "kangaroo", "kingfisher",
  "kiwi", "koala", "lemur", "leopard", "lion", "llama", "lobster", "lynx",
  "macaw", "magpie", "manatee", "marmot", "mink", "mole", "moose", "narwhal",
  "newt", "ocelot", "octopus", "okapi", "orca", "oriole", "otter", "owl",
  "panda", "panther", "parrot", "pelican", "penguin", "puffin", "quail", "rabbit",
  "raccoon", "raven", "salmon", "walrus",
};

G_STATIC_ASSERT (G_N_ELEMENTS (adjectives) == 100);
G_STATIC_ASSERT (G_N_ELEMENTS (animals) == 100);

/**
 * pw_run_name_generate:
 * @rand: (nullable): the random source, or %NULL for GLib's global one
 *
 * Makes a name for a new run, such as `crimson-otter`.
 *
 * Returns: (transfer full): the name
 */
char *
pw_run_name_generate (GRand *rand)
{
  guint a, b;

  if (rand != NULL)
    {
      a = g_rand_int_range (rand, 0, G_N_ELEMENTS (adjectives));
      b = g_rand_int_range (rand, 0, G_N_ELEMENTS (animals));
    }
  else
    {
      a = g_random_int_range (0, G_N_ELEMENTS (adjectives));
      b = g_random_int_range (0, G_N_ELEMENTS (animals));
    }

  return g_strconcat (adjectives[a], "-", animals[b], NULL);
}

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *word,
         gsize               len)
{
  for (gsize i = 0; i < n; i++)
    {
      if (strncmp (list[i], word, len) == 0 && list[i][len] == '\0')
        return TRUE;
    }
  return FALSE;
}

/**
 * pw_run_name_is_valid:
 * @name: a run name
 *
 * Returns: %TRUE if @name is one that pw_run_name_generate() makes
 */
gboolean
pw_run_name_is_valid (const char *name)
{
  const char *dash;

  if (name == NULL || (dash = strchr (name, '-')) == NULL)
    return FALSE;

  return in_list (adjectives, G_N_ELEMENTS (adjectives), name, dash - name) &&
         in_list (animals, G_N_ELEMENTS (animals), dash + 1, strlen (dash + 1));
}
