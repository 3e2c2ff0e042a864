package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API failure that the server renders as a {@code kind: Status} body with its HTTP code. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int code;
  final String reason;
  final String name;
  final String qualifiedKind;
  private final java.util.List<String[]> causes = new java.util.ArrayList<>();

  ApiError(int code, String reason, String message, String name, String qualifiedKind) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.qualifiedKind = qualifiedKind;
  }

  static ApiError notFound(ApiResource t, String name) {
    return new ApiError(
        404,
        "NotFound",
        t.qualifiedName() + " \"" + name + "\" not found",
        name,
        t.qualifiedName());
  }

  static ApiError alreadyExists(ApiResource t, String name) {
    return new ApiError(
        409,
        "AlreadyExists",
        t.qualifiedName() + " \"" + name + "\" already exists",
        name,
        t.qualifiedName());
  }

  static ApiError conflict(ApiResource t, String name) {
    return new ApiError(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + t.qualifiedName()
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        name,
        t.qualifiedName());
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, "", "");
  }

  static ApiError invalid(ApiResource t, String name, String message) {
    return new ApiError(
        422,
        "Invalid",
        t.kind() + " \"" + name + "\" is invalid: " + message,
        name,
        t.qualifiedName());
  }

  static ApiError plain(int code, String reason, String message) {
    return new ApiError(code, reason, message, "", "");
  }

  static ApiError gone(String message) {
    return new ApiError(410, "Expired", message, "", "");
  }

  /**
   * Returns a server-side apply conflict listing each {@code (manager, field)} pair, shaped like
   * the real "Apply failed with N conflicts" Status with FieldManagerConflict causes.
   */
  static ApiError applyConflict(ApiResource t, String name, java.util.List<String[]> conflicts) {
    StringBuilder msg =
        new StringBuilder("Apply failed with ")
            .append(conflicts.size())
            .append(conflicts.size() == 1 ? " conflict:" : " conflicts:");
    for (String[] c : conflicts) {
      msg.append(" conflict with \"")
          .append(c[0])
          .append("\" using ")
          .append(t.apiVersion())
          .append(": ")
          .append(c[1]);
    }
    ApiError e = new ApiError(409, "Conflict", msg.toString(), name, t.qualifiedName());
    for (String[] c : conflicts) {
      e.causes.add(new String[] {"conflict with \"" + c[0] + "\" using " + t.apiVersion(), c[1]});
    }
    return e;
  }

  /** Renders the error like the real API server's {@code metav1.Status}. */
  ObjectNode toStatus() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", getMessage());
    s.put("reason", reason);
    if (!name.isEmpty() || !qualifiedKind.isEmpty()) {
      ObjectNode d = s.putObject("details");
      if (!name.isEmpty()) {
        d.put("name", name);
      }
      int dot = qualifiedKind.indexOf('.');
      if (dot > 0) {
        d.put("group", qualifiedKind.substring(dot + 1));
      }
      d.put("kind", dot > 0 ? qualifiedKind.substring(0, dot) : qualifiedKind);
      if (!causes.isEmpty()) {
        var arr = d.putArray("causes");
        for (String[] c : causes) {
          ObjectNode cause = arr.addObject();
          cause.put("reason", "FieldManagerConflict");
          cause.put("message", c[0]);
          cause.put("field", c[1]);
        }
      }
    }
    s.put("code", code);
    return s;
  }
}
