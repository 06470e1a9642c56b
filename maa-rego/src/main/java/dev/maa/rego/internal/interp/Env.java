package dev.maa.rego.internal.interp;

import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;

/** Variable bindings of one body evaluation, with a trail so backtracking can undo bindings. */
public final class Env {
  private final HashMap<String, Value> map = new HashMap<>();
  private final ArrayList<String> trail = new ArrayList<>();

  public Value get(String name) {
    return map.get(name);
  }

  public void bind(String name, Value v) {
    map.put(name, v);
    trail.add(name);
  }

  public int mark() {
    return trail.size();
  }

  public void undo(int mark) {
    for (int i = trail.size() - 1; i >= mark; i--) {
      map.remove(trail.remove(i));
    }
  }
}
