package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Secret words and glued names.
    "password, true",
    "PASSWORD, true",
    "adminPassword, true",
    "db_passwd, true",
    "pass, true",
    "passphrase, true",
    "secret, true",
    "clientSecret, true",
    "client_secret, true",
    "clientsecret, true",
    "AWS_SECRET_ACCESS_KEY, true",
    "token, true",
    "authToken, true",
    "accesstoken, true",
    "credentials, true",
    "creds, true",
    "auth, true",
    "basicAuth, true",
    "Authorization, true",
    ".dockerconfigjson, true",
    "dockercfg, true",
    "cookieSecret, true",
    "cookie, true",
    "session, true",
    "salt, true",
    "jwt, true",
    // Key names: a qualified key is secret.
    "apiKey, true",
    "x-api-key, true",
    "apikey, true",
    "privateKey, true",
    "accessKey, true",
    "secretKey, true",
    "tls.key, true",
    "TLS_KEY, true",
    "ssh-key, true",
    "sshKeys, true",
    "encryptionKey, true",
    // When in doubt, redact.
    "tokenizer, true",
    "existingSecret, true",
    // False-positive guards: references and settings, not secrets.
    "key, false",
    "keys, false",
    "keyPath, false",
    "keyId, false",
    "publicKey, false",
    "publicKeys, false",
    "secretName, false",
    "secretKeyRef, false",
    "passwordFile, false",
    "tokenPath, false",
    "sessionAffinity, false",
    "auth.enabled, false",
    "authEnabled, false",
    "passwordLength, false",
    "author, false",
    "authority, false",
    "GitHubOAuthenticator, false",
    "monkey, false",
    "turkey, false",
    "passthrough, false",
    "bypass, false",
    "image, false",
    "replicas, false",
    "tls.crt, false",
    "certificate, false",
    "'', false"
  })
  void isSecretKeyFollowsTheDocumentedHeuristics(String key, boolean secret) {
    assertThat(Redaction.isSecretKey(key)).isEqualTo(secret);
  }

  @Test
  void wordsSplitHumpsAcronymsDigitsAndSeparators() {
    assertThat(Redaction.words("GitHubOAuthenticator"))
        .containsExactly("git", "hub", "o", "authenticator");
    assertThat(Redaction.words("AWS_SECRET_ACCESS_KEY"))
        .containsExactly("aws", "secret", "access", "key");
    assertThat(Redaction.words("oauth2ClientID")).containsExactly("oauth", "2", "client", "id");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Authorization: Bearer abc.def.ghi                     | abc.def
          curl -H 'authorization: Basic dXNlcjpwYXNz'            | dXNlcjpwYXNz
          got bearer sk_live_12345 from env                       | sk_live_12345
          token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sgnature1 leaked | eyJzdWIiOiIxIn0
          repo https://bob:hunter2@charts.example.com/x            | hunter2
          repo https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/x | ghp_abc
          {"auths":{"r.io":{"auth":"Ym9iOmh1bnRlcjI=","password":"hunter2"}}} | Ym9iOmh1bnRlcjI
          .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7fX19             | eyJhdXRocyI6eyJyLmlvIjp7fX19
          --set auth.password=hunter2 --set image.tag=1.2           | hunter2
          DB_PASSWORD='hunter 2' ./run                               | hunter 2
          key AKIAIOSFODNN7EXAMPLE in logs                           | AKIAIOSFODNN7EXAMPLE
          slack xoxb-1234567890-abcdefghij                           | xoxb-1234567890
          {"clientSecret": "a\\"b\\"c", "name": "x"}                  | a\\"b
          """)
  void redactTextMasksSecretShapes(String text, String secret) {
    String out = Redaction.redactText(text);
    assertThat(out).doesNotContain(secret).contains(Redaction.MASK);
  }

  @Test
  void redactTextMasksPemPrivateKeysButKeepsCertificates() {
    String pem =
        "tls:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nline2\n"
            + "-----END RSA PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nMIIC\n"
            + "-----END CERTIFICATE-----\n";
    String out = Redaction.redactText(pem);
    assertThat(out).doesNotContain("MIIEowIBAAKCAQEA7").contains("MIIC");
    assertThat(out).contains("-----BEGIN RSA PRIVATE KEY-----" + Redaction.MASK);
  }

  @Test
  void redactTextMasksATruncatedPemToTheEnd() {
    String out = Redaction.redactText("x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN");
    assertThat(out).doesNotContain("MIIEvQIBADAN");
  }

  @Test
  void redactTextMasksYamlLinesWithSecretKeys() {
    String out = Redaction.redactText("image: nginx\n  password: hunter2\n  - token: abc\n");
    assertThat(out)
        .isEqualTo("image: nginx\n  password: " + Redaction.MASK + "\n  - token: <redacted>\n");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "unused key jupyterhub.hub.image (did you mean jupyterhub.hub.imagePullSecret?)",
        "updated replicas 1/3",
        "limit 2Gi exceeds quota 1Gi",
        "https://charts.example.com/stable",
        "replicas=3 image.tag=1.2.3",
        "keyPath: a.b.c",
        "chart 1.4.0 < deployed 1.5.2",
        ""
      })
  void redactTextLeavesOrdinaryTextAlone(String text) {
    assertThat(Redaction.redactText(text)).isEqualTo(text);
  }

  @Test
  void redactValueMasksBySecretKeyNameAndScansOtherValues() {
    assertThat(Redaction.redactValue("password", "hunter2")).isEqualTo(Redaction.MASK);
    assertThat(Redaction.redactValue("password", "")).isEmpty();
    assertThat(Redaction.redactValue("url", "https://a:b@h/x")).isEqualTo("https://<redacted>@h/x");
    assertThat(Redaction.redactValue("replicas", "3")).isEqualTo("3");
  }

  @Test
  void redactTreeMasksBelowSecretKeysAndSecretDataWithoutChangingTheInput() {
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("username", "bob");
    auth.put("rootPassword", "hunter2");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tls.crt", "Y2VydA==");
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("kind", "Secret");
    secret.put("data", data);
    List<Object> list = new ArrayList<>();
    list.add(secret);
    list.add(null);
    list.add("https://u:p@host");
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("replicas", 3);
    tree.put("auth", auth);
    tree.put("manifests", list);
    tree.put("apiKey", List.of("k1", "k2"));
    tree.put("nothing", null);
    Map<String, Object> before = deepCopy(tree);

    Map<String, Object> out = Redaction.redactTree(tree);

    assertThat(out.get("replicas")).isEqualTo(3);
    assertThat(out.get("auth"))
        .isEqualTo(Map.of("username", "<redacted>", "rootPassword", "<redacted>"));
    @SuppressWarnings("unchecked")
    List<Object> manifests = (List<Object>) out.get("manifests");
    assertThat(manifests.get(0))
        .isEqualTo(Map.of("kind", "Secret", "data", Map.of("tls.crt", "<redacted>")));
    assertThat(manifests.get(1)).isNull();
    assertThat(manifests.get(2)).isEqualTo("https://<redacted>@host");
    assertThat(out.get("apiKey")).isEqualTo(List.of("<redacted>", "<redacted>"));
    assertThat(out).containsEntry("nothing", null);
    assertThat(tree).isEqualTo(before);
  }

  @Test
  void redactTreeSurvivesVeryDeepTrees() {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> cur = root;
    for (int i = 0; i < 5_000; i++) {
      Map<String, Object> next = new HashMap<>();
      cur.put("a", next);
      cur = next;
    }
    cur.put("leaf", "x");
    assertThat(Redaction.redactTree(root)).containsKey("a");
  }

  @Test
  void redactFindingMasksEvidenceByNameAndTextEverywhere() {
    Finding f =
        Finding.error("helm.repo.auth", Location.file("https://u:p@h/index.yaml"), "Bearer abc123")
            .withHint("set password=hunter2")
            .withSuggestions(List.of("token=abc"))
            .withEvidence("password", "hunter2")
            .withEvidence("repo", "https://bob:hunter2@h");
    Finding r = Redaction.redact(f);
    assertThat(r.toString() + r.evidence()).doesNotContain("hunter2", "abc123", "abc\"", "u:p");
    assertThat(r.evidence()).containsEntry("password", Redaction.MASK);
    assertThat(r.code()).isEqualTo(f.code());
  }

  @Test
  void hostileTextIsRedactedWithoutBlowingTheStack() {
    String[] hostile = {
      "\"k\": \"" + "\\\"".repeat(200_000),
      "eyJ-".repeat(100_000),
      "a.".repeat(200_000) + "://x@",
      "password=\"" + "x".repeat(300_000),
      "-----BEGIN PRIVATE KEY-----".repeat(20_000)
    };
    for (String h : hostile) {
      assertThat(Redaction.redactText(h)).isNotNull();
    }
  }

  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    return copy(m);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> sub) {
            out.put(k, copy((Map<String, Object>) sub));
          } else if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            for (Object o : l) {
              c.add(o instanceof Map<?, ?> mm ? copy((Map<String, Object>) mm) : o);
            }
            out.put(k, c);
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  @org.junit.jupiter.api.Test
  void findingToStringMasksSecretsSoLogLinesCannotLeakThem() {
    Finding f =
        Finding.error(
                "values.flag.invalid",
                Location.none(),
                "failed parsing --set-json data hub.password={\"x\":\"hunter2\"")
            .withHint("token=abc123secret");
    org.assertj.core.api.Assertions.assertThat(f.toString())
        .doesNotContain("hunter2")
        .doesNotContain("abc123secret")
        .contains("values.flag.invalid")
        .contains(Redaction.MASK);
    // The record keeps the raw text for programmatic use; only renderings are masked.
    org.assertj.core.api.Assertions.assertThat(f.message()).contains("hunter2");
  }

  @org.junit.jupiter.api.Test
  void yamlLintNeverQuotesValuesUnderSecretKeys() {
    YamlFile f =
        YamlSource.parse(
            "db:\n  password: 0777\n  token: yes\n  apiKey: 12345678901234567890\n"
                + "credentials:\n  db: 00123\nplain: 0777\n",
            "v.yaml");
    Report secretOnes = f.report().filter(x -> !x.location().keyPath().equals("plain"));
    String all = secretOnes.findings().toString() + Reports.render(secretOnes, Format.TEXT);
    org.assertj.core.api.Assertions.assertThat(all)
        .doesNotContain("0777")
        .doesNotContain("511")
        .doesNotContain("12345678901234567890")
        .doesNotContain("00123")
        .doesNotContain(" 83")
        .doesNotContain("yes")
        .contains("value not shown");
    // The same mistakes are still reported: one finding per value, secret or not.
    org.assertj.core.api.Assertions.assertThat(f.report().findings())
        .extracting(x -> x.location().keyPath())
        .containsExactly("db.password", "db.token", "db.apiKey", "credentials.db", "plain");
    // A value under a key that is not secret is still shown, so the fix is easy to see.
    org.assertj.core.api.Assertions.assertThat(f.report().findings().get(4).message())
        .contains("`0777`");
  }
}
