package dev.deploysafe.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks secrets in keys, values, free text, value trees, findings and reports: the one place that
 * decides what counts as a secret, so every renderer and log line hides the same things.
 *
 * <p><b>Secret key names</b> ({@link #isSecretKey}). A key name is split into lower-case words at
 * camelCase humps, digits-to-letters changes and any non-alphanumeric character ({@code
 * AWS_SECRET_ACCESS_KEY}, {@code tls.key}, {@code client-secret}). It looks secret when
 *
 * <ul>
 *   <li>a word is one of {@code password passwords passwd pass pwd passphrase secret secrets token
 *       tokens credential credentials creds auth authorization bearer jwt cookie cookies session
 *       salt dockerconfigjson dockercfg}, or
 *   <li>the glued lower-case name contains {@code password passwd secret token credential
 *       dockerconfig apikey privatekey accesskey secretkey passphrase cookie} (catches {@code
 *       apikey}, {@code clientsecret}), or
 *   <li>the last word is {@code key} or {@code keys} after a qualifier ({@code apiKey}, {@code
 *       privateKey}, {@code tls.key}, {@code sshKeys}) unless the qualifier is {@code public}.
 * </ul>
 *
 * <p><b>False-positive guards</b>, chosen because these names hold a reference or a setting, not a
 * secret: a name of two or more words whose last word is one of {@code name names ref path file dir
 * enabled affinity length type mode ttl timeout seconds namespace class policy} ({@code
 * secretName}, {@code secretKeyRef}, {@code passwordFile}, {@code keyPath}, {@code
 * sessionAffinity}, {@code auth.enabled}), and the bare word {@code key} (Kubernetes tolerations,
 * label selectors and {@code secretKeyRef} use {@code key} for a name). Values are still scanned by
 * {@link #redactText}, so a private key under a bare {@code key} is masked by its PEM shape. When
 * in doubt the rules redact: {@code tokenizer}, {@code existingSecret} and every leaf below a
 * secret key ({@code auth: {username: ...}}) are masked.
 *
 * <p><b>Secret text</b> ({@link #redactText}): PEM private key blocks, {@code Authorization:}
 * headers, bearer tokens, JWT-shaped tokens, user info in URLs ({@code https://user:pw@host}),
 * docker config JSON and its base64 form, quoted JSON members and {@code name=value} pairs whose
 * name looks secret, YAML-like lines {@code password: x}, and GitHub, AWS access key id and Slack
 * token shapes.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {

  /** The text that replaces a secret. */
  public static final String MASK = "<redacted>";

  private static final Set<String> SECRET_WORDS =
      Set.of(
          "password",
          "passwords",
          "passwd",
          "pass",
          "pwd",
          "passphrase",
          "secret",
          "secrets",
          "token",
          "tokens",
          "credential",
          "credentials",
          "creds",
          "auth",
          "authorization",
          "bearer",
          "jwt",
          "cookie",
          "cookies",
          "session",
          "salt",
          "dockerconfigjson",
          "dockercfg");

  private static final List<String> SECRET_FRAGMENTS =
      List.of(
          "password",
          "passwd",
          "secret",
          "token",
          "credential",
          "dockerconfig",
          "apikey",
          "privatekey",
          "accesskey",
          "secretkey",
          "passphrase",
          "cookie");

  private static final Set<String> GUARD_SUFFIXES =
      Set.of(
          "name",
          "names",
          "ref",
          "path",
          "file",
          "dir",
          "enabled",
          "affinity",
          "length",
          "type",
          "mode",
          "ttl",
          "timeout",
          "seconds",
          "namespace",
          "class",
          "policy");

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)",
          Pattern.DOTALL);
  private static final Pattern AUTH_HEADER =
      Pattern.compile("(?i)\\b((?:proxy-)?authorization\\s*[:=]\\s*)[^\\r\\n]+");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]+=*");
  // Quantifiers below are bounded or possessive so hostile text (megabytes without the expected
  // delimiter) costs about linear time and no deep regex recursion.
  // Runs of token characters; a run is a JWT when it has its shape (checked in code, so every
  // character is looked at once however hostile the text).
  private static final Pattern TOKEN_RUN = Pattern.compile("[A-Za-z0-9_.\\-]{12,}+");
  private static final Pattern URL_USERINFO =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,31}+://)[^/\\s@?#]{1,1024}+@");
  private static final Pattern DOCKER_CONFIG_B64 = Pattern.compile("\\beyJhdXRocy[A-Za-z0-9+/=]*");
  private static final Pattern JSON_KEY = Pattern.compile("\"([^\"\\\\]{1,200}+)\"\\s*+:\\s*+\"");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?<![A-Za-z0-9_.\\-\\[\\]])([A-Za-z_][A-Za-z0-9_.\\-\\[\\]]{0,200}+)="
              + "(\"[^\"]{0,4096}+\"|'[^']{0,4096}+'|[^\\s,;&]++)");
  private static final Pattern YAML_LINE =
      Pattern.compile(
          "(?m)^([ \\t]*(?:-[ \\t]+)?)([A-Za-z0-9_.\\-]{1,200})([ \\t]*:[ \\t]+)(\\S.*)$");
  private static final Pattern KNOWN_TOKENS =
      Pattern.compile(
          "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,})");

  private Redaction() {}

  /**
   * Tells whether values under this key name should be hidden; see the class comment for the rules
   * and their false-positive guards.
   */
  public static boolean isSecretKey(String key) {
    Objects.requireNonNull(key, "key");
    List<String> words = words(key);
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    if (words.size() > 1 && GUARD_SUFFIXES.contains(last)) {
      return false;
    }
    for (String w : words) {
      if (SECRET_WORDS.contains(w)) {
        return true;
      }
    }
    String glued = String.join("", words);
    for (String f : SECRET_FRAGMENTS) {
      if (glued.contains(f)) {
        return true;
      }
    }
    if ((last.equals("key") || last.equals("keys")) && words.size() > 1) {
      return !words.get(words.size() - 2).equals("public");
    }
    return false;
  }

  /**
   * Returns {@link #MASK} when the key looks secret and the value is not empty, otherwise the value
   * with secret-looking text masked.
   */
  public static String redactValue(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (isSecretKey(key)) {
      return value.isEmpty() ? value : MASK;
    }
    return redactText(value);
  }

  /** Returns the text with secret-looking parts (tokens, headers, keys, passwords) masked. */
  public static String redactText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return text;
    }
    String s = text;
    // Cheap pre-checks skip patterns that cannot match, which matters for megabyte inputs.
    if (s.contains("PRIVATE KEY-----")) {
      s = PEM.matcher(s).replaceAll("-----BEGIN $1PRIVATE KEY-----" + MASK);
    }
    s = AUTH_HEADER.matcher(s).replaceAll("$1" + MASK);
    s = BEARER.matcher(s).replaceAll("$1" + MASK);
    if (s.contains("eyJhdXRocy")) {
      s = DOCKER_CONFIG_B64.matcher(s).replaceAll(MASK);
    }
    s = maskJwts(s);
    s = KNOWN_TOKENS.matcher(s).replaceAll(MASK);
    if (s.contains("://")) {
      s = URL_USERINFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }
    s = maskJsonMembers(s);
    s = replaceIfSecret(s, ASSIGNMENT, 1, 2);
    s = replaceIfSecret(s, YAML_LINE, 2, 4);
    return s;
  }

  /**
   * Returns a deep copy of a value tree (maps, lists and scalars, as YAML and JSON parsers give
   * them) with every scalar below a secret-looking key masked, every value of {@code data} and
   * {@code stringData} in a map whose {@code kind} is {@code Secret} masked, and every other string
   * passed through {@link #redactText}. Nulls and non-string scalars not under a secret key are
   * kept; the input is not changed.
   */
  public static Map<String, @Nullable Object> redactTree(Map<String, ?> tree) {
    Objects.requireNonNull(tree, "tree");
    return redactMap(tree, false, 0);
  }

  /**
   * Returns the finding with its message, hint, suggestions, location text and evidence redacted;
   * evidence whose name looks secret is replaced by {@link #MASK}.
   */
  public static Finding redact(Finding finding) {
    Objects.requireNonNull(finding, "finding");
    List<String> suggestions = new ArrayList<>(finding.suggestions().size());
    for (String s : finding.suggestions()) {
      suggestions.add(redactText(s));
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : finding.evidence().entrySet()) {
      evidence.put(redactText(e.getKey()), redactValue(e.getKey(), e.getValue()));
    }
    Location l = finding.location();
    Location location =
        new Location(
            redactText(l.file()),
            l.line(),
            l.column(),
            redactText(l.keyPath()),
            redactText(l.pointer()),
            redactText(l.chart()),
            redactText(l.resource()));
    return new Finding(
        finding.code(),
        finding.severity(),
        location,
        redactText(finding.message()),
        redactText(finding.hint()),
        suggestions,
        evidence);
  }

  /** Returns the report with every finding {@linkplain #redact(Finding) redacted}. */
  public static Report redact(Report report) {
    Objects.requireNonNull(report, "report");
    List<Finding> findings = new ArrayList<>(report.findings().size());
    for (Finding f : report.findings()) {
      findings.add(redact(f));
    }
    return new Report(findings, report.checks());
  }

  // Value trees from hostile YAML can be deep; past this depth everything is masked rather than
  // risking a stack overflow.
  private static final int MAX_DEPTH = 500;

  private static Map<String, @Nullable Object> redactMap(Map<?, ?> map, boolean secret, int depth) {
    boolean isSecretObject = "Secret".equals(map.get("kind"));
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      boolean below =
          secret
              || isSecretKey(key)
              || (isSecretObject && (key.equals("data") || key.equals("stringData")));
      out.put(key, redactAny(e.getValue(), below, depth + 1));
    }
    return out;
  }

  private static @Nullable Object redactAny(@Nullable Object value, boolean secret, int depth) {
    if (value == null) {
      return null;
    }
    if (depth > MAX_DEPTH) {
      return MASK;
    }
    if (value instanceof Map<?, ?> m) {
      return redactMap(m, secret, depth);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(redactAny(item, secret, depth + 1));
      }
      return out;
    }
    if (secret) {
      return MASK;
    }
    if (value instanceof String s) {
      return redactText(s);
    }
    return value;
  }

  private static String replaceIfSecret(
      String text, Pattern pattern, int keyGroup, int valueGroup) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (!isSecretKey(m.group(keyGroup)) || m.group(valueGroup).isEmpty()) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start(valueGroup)).append(MASK);
      last = m.end(valueGroup);
    }
    if (out == null) {
      return text;
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  /** Masks every run of token characters shaped like a JWT: eyJ..., three dot-separated parts. */
  private static String maskJwts(String text) {
    if (!text.contains("eyJ")) {
      return text;
    }
    Matcher m = TOKEN_RUN.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (!isJwt(text, m.start(), m.end())) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start()).append(MASK);
      last = m.end();
    }
    if (out == null) {
      return text;
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  private static boolean isJwt(String text, int start, int end) {
    if (!text.startsWith("eyJ", start)) {
      return false;
    }
    int dots = 0;
    int firstDot = -1;
    int secondDot = -1;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '.') {
        dots++;
        if (dots == 1) {
          firstDot = i;
        } else if (dots == 2) {
          secondDot = i;
        }
      }
    }
    return dots == 2 && firstDot - start >= 8 && secondDot - firstDot > 4;
  }

  /** Masks the string value of every quoted JSON member whose name looks secret. */
  private static String maskJsonMembers(String text) {
    Matcher m = JSON_KEY.matcher(text);
    StringBuilder out = null;
    int last = 0;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      int valueStart = m.end();
      // Scan the JSON string by hand: a regex for escapes would recurse once per character.
      int j = valueStart;
      while (j < text.length() && text.charAt(j) != '"') {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      int valueEnd = Math.min(j, text.length());
      if (valueEnd > valueStart && isSecretKey(m.group(1))) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, last, valueStart).append(MASK);
        last = valueEnd;
      }
      from = Math.max(valueEnd, m.end());
    }
    if (out == null) {
      return text;
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  /** Splits a key name into lower-case words at humps, digit changes and separators. */
  static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = key.length();
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, cur);
        continue;
      }
      if (cur.length() > 0) {
        char prev = cur.charAt(cur.length() - 1);
        boolean hump = Character.isLowerCase(prev) && Character.isUpperCase(c);
        boolean acronymEnd =
            Character.isUpperCase(prev)
                && Character.isUpperCase(c)
                && i + 1 < n
                && Character.isLowerCase(key.charAt(i + 1));
        boolean digitChange = Character.isDigit(prev) != Character.isDigit(c);
        if (hump || acronymEnd || digitChange) {
          flush(words, cur);
        }
      }
      cur.append(c);
    }
    flush(words, cur);
    return words;
  }

  private static void flush(List<String> words, StringBuilder cur) {
    if (cur.length() > 0) {
      words.add(cur.toString().toLowerCase(Locale.ROOT));
      cur.setLength(0);
    }
  }
}
