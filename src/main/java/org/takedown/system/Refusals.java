package org.takedown.system;

/**
 * The refusal of the request being served on this thread, if the engine refused task input
 * while serving it. Only {@link TasklistRefusals} opens a scope, around Camunda webapp requests, so
 * that it can answer the refusal's sentence instead of the engine's message.
 */
final class Refusals {

  private static final ThreadLocal<TaskInput.Refused[]> CURRENT = new ThreadLocal<>();

  private Refusals() {}

  static void open() {
    CURRENT.set(new TaskInput.Refused[1]);
  }

  static void record(TaskInput.Refused refused) {
    TaskInput.Refused[] scope = CURRENT.get();
    if (scope != null) {
      scope[0] = refused;
    }
  }

  /** The last refusal since {@link #open()}, or null. */
  static TaskInput.Refused current() {
    TaskInput.Refused[] scope = CURRENT.get();
    return scope == null ? null : scope[0];
  }

  static void close() {
    CURRENT.remove();
  }
}
