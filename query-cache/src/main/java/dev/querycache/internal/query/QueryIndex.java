package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import dev.querycache.internal.key.KeyList;
import dev.querycache.internal.key.KeyMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A trie over the leading parts of the cached keys, so that a prefix filter finds its
 * candidates in time proportional to the queries under the prefix rather than to the cache.
 *
 * <p>A key is indexed by the tokens of a depth-first walk of its parts: a scalar part is a
 * token; a nested list is an {@link #OPEN} token, its elements' tokens and a {@link #CLOSE}
 * token. The walk stops at the first map part (maps match by subset, which a trie cannot
 * follow) or after {@link #MAX_TOKENS} tokens. A filter key is walked the same way, except
 * that it also stops at the end of its first nested list (a filter list matches longer key
 * lists). Every key under the node a filter's walk reaches is a candidate, to be checked with
 * {@link KeyParts#partialMatch}; for the usual filters (scalar and list prefixes) every
 * candidate matches.
 *
 * <p>Guarded by its own monitor; callers never call out while holding it.
 */
public final class QueryIndex {
  private static final Object OPEN = new Token("[");
  private static final Object CLOSE = new Token("]");
  private static final Object NULL = new Token("null");
  private static final int MAX_TOKENS = 8;

  private final Node root = new Node(null, null);

  synchronized void add(Query<?> query) {
    Node node = root;
    for (Object token : tokens(KeyRoots.of(query.key))) {
      node = node.child(token);
    }
    node.add(query);
    if (node.shape == null) {
      KeyMap map = mapAfterScalars(KeyRoots.of(query.key));
      node.shape = map == null ? null : map.names();
    }
  }

  /**
   * {@code key}, or an equal key that shares what its family already holds: its leading
   * string parts become the instances the trie holds as tokens, and a map part right after
   * them takes the array of names the family's first map had (keys of one family tend to
   * have the same map shape). A cache of many keys per family built with
   * {@code "plugin-" + name} would otherwise keep one copy of the family's string, and one
   * array of map names, per key. Called when a query is created, so the stored key shares.
   */
  synchronized <T> QueryKey<T> share(QueryKey<T> key) {
    KeyList parts = KeyRoots.of(key);
    @Nullable Object[] shared = null;
    Node node = root;
    int at = 0;
    for (; at < parts.size() && at < MAX_TOKENS; at++) {
      Object part = parts.get(at);
      if (part instanceof KeyList || part instanceof KeyMap || node.children == null) {
        break;
      }
      Node next = node.children.get(part == null ? NULL : part);
      if (next == null) {
        break;
      }
      if (part instanceof String && next.token != part) {
        if (shared == null) {
          shared = parts.toArray();
        }
        shared[at] = next.token;
      }
      node = next;
    }
    KeyMap map = mapAfterScalars(parts);
    if (map != null && node.shape != null && at == scalarsBefore(parts)) {
      KeyMap sharing = map.withNames(node.shape);
      if (sharing != map) {
        if (shared == null) {
          shared = parts.toArray();
        }
        shared[at] = sharing;
      }
    }
    return shared == null ? key : QueryKey.fromList(new KeyList(shared));
  }

  /** How many scalar parts lead the key (the tokens of its path, when no list comes first). */
  private static int scalarsBefore(KeyList parts) {
    int count = 0;
    while (count < parts.size() && count < MAX_TOKENS
        && !(parts.get(count) instanceof KeyList) && !(parts.get(count) instanceof KeyMap)) {
      count++;
    }
    return count;
  }

  /** The map part right after the leading scalars, where a key's path in the trie ends. */
  private static @Nullable KeyMap mapAfterScalars(KeyList parts) {
    int at = scalarsBefore(parts);
    return at < parts.size() && parts.get(at) instanceof KeyMap ? (KeyMap) parts.get(at) : null;
  }

  /** Removes {@code query} in constant time: it knows its node and its slot there. */
  synchronized void remove(Query<?> query) {
    Node node = query.indexNode;
    if (node != null) {
      node.remove(query);
      node.prune();
    }
  }

  /**
   * The queries whose keys may match {@code prefix}: a superset of the matches, or exactly
   * the matches when {@link Candidates#allMatch()} (the walk saw every part of the filter).
   */
  synchronized Candidates candidates(KeyList prefix) {
    List<Object> tokens = new ArrayList<>(MAX_TOKENS);
    boolean allSeen = walk(prefix, tokens, true, true) == Walk.STOP_ALL_SEEN;
    Node node = root;
    for (Object token : tokens) {
      node = node.children == null ? null : node.children.get(token);
      if (node == null) {
        return new Candidates(List.of(), true);
      }
    }
    List<Query<?>> out = new ArrayList<>();
    node.collect(out);
    return new Candidates(out, allSeen);
  }

  /** What {@link #candidates} found. */
  static final class Candidates {
    private final List<Query<?>> queries;
    private final boolean allMatch;

    Candidates(List<Query<?>> queries, boolean allMatch) {
      this.queries = queries;
      this.allMatch = allMatch;
    }

    List<Query<?>> queries() {
      return queries;
    }

    /** Whether every candidate's key matches, so nobody needs to check again. */
    boolean allMatch() {
      return allMatch;
    }
  }

  /** Tokens of a key's path in the trie. */
  private static List<Object> tokens(KeyList parts) {
    List<Object> tokens = new ArrayList<>(Math.min(MAX_TOKENS, parts.size() + 2));
    walk(parts, tokens, false, true);
    return tokens;
  }

  /** How a walk ended. */
  private enum Walk {
    /** A key's nested list closed: the walk goes on with the next part. */
    GO_ON,
    /** Stopped having turned every part into a token. */
    STOP_ALL_SEEN,
    /** Stopped at a map or at the token limit, with parts left unseen. */
    STOP_SOME_UNSEEN
  }

  /**
   * Appends the tokens of {@code list}. A key's nested list ends with {@link #CLOSE} and the
   * walk goes on; a filter's nested list ends the walk (a filter list matches longer key
   * lists), having seen everything only if that list was the last part of its parents.
   */
  private static Walk walk(KeyList list, List<Object> tokens, boolean filter, boolean isRoot) {
    for (int i = 0; i < list.size(); i++) {
      Object part = list.get(i);
      if (tokens.size() >= MAX_TOKENS || part instanceof KeyMap) {
        return Walk.STOP_SOME_UNSEEN;
      }
      if (part instanceof KeyList) {
        tokens.add(OPEN);
        Walk inner = walk((KeyList) part, tokens, filter, false);
        if (inner == Walk.STOP_SOME_UNSEEN) {
          return inner;
        }
        if (inner == Walk.STOP_ALL_SEEN) {
          return i == list.size() - 1 ? inner : Walk.STOP_SOME_UNSEEN;
        }
      } else {
        tokens.add(part == null ? NULL : part);
      }
    }
    if (isRoot || filter) {
      return Walk.STOP_ALL_SEEN;
    }
    if (tokens.size() >= MAX_TOKENS) {
      return Walk.STOP_SOME_UNSEEN;
    }
    tokens.add(CLOSE);
    return Walk.GO_ON;
  }

  /** A structural marker, unequal to every key part. */
  private static final class Token {
    private final String name;

    Token(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A trie node. The queries whose walk ends here are kept in a plain array, each query
   * remembering its slot ({@link Query#indexSlot}): adding appends, removing moves the last
   * member into the freed slot, and collecting copies a contiguous run of references. (A
   * {@code LinkedHashSet} cost 40 bytes of entry per query, and an extra pointer to chase per
   * candidate, which at a million cached queries is most of a prefix invalidation's time.)
   */
  static final class Node {
    private static final Query<?>[] NO_MEMBERS = new Query<?>[0];

    private final @Nullable Node parent;
    private final @Nullable Object token;
    private @Nullable Map<Object, Node> children;
    private Query<?>[] members = NO_MEMBERS;
    private int size;
    /** The map names of the first key that ended here with a map part, for others to share. */
    private String @Nullable [] shape;

    Node(@Nullable Node parent, @Nullable Object token) {
      this.parent = parent;
      this.token = token;
    }

    Node child(Object token) {
      if (children == null) {
        children = new HashMap<>(4);
      }
      return children.computeIfAbsent(token, t -> new Node(this, t));
    }

    void add(Query<?> query) {
      if (size == members.length) {
        members = Arrays.copyOf(members, Math.max(4, size + (size >> 1)));
      }
      members[size] = query;
      query.indexNode = this;
      query.indexSlot = size++;
    }

    void remove(Query<?> query) {
      int slot = query.indexSlot;
      Query<?> last = members[--size];
      members[slot] = last;
      last.indexSlot = slot;
      members[size] = null;
      query.indexNode = null;
      if (size == 0) {
        members = NO_MEMBERS;
      } else if (size < members.length / 4) {
        members = Arrays.copyOf(members, size * 2);
      }
    }

    /** Drops this node and its empty ancestors from the trie. */
    void prune() {
      Node node = this;
      while (node.parent != null
          && node.size == 0
          && (node.children == null || node.children.isEmpty())) {
        Map<Object, Node> siblings = node.parent.children;
        if (siblings != null) {
          siblings.remove(node.token);
        }
        node = node.parent;
      }
    }

    void collect(List<Query<?>> out) {
      for (int i = 0; i < size; i++) {
        out.add(members[i]);
      }
      if (children != null) {
        for (Node child : children.values()) {
          child.collect(out);
        }
      }
    }
  }
}
