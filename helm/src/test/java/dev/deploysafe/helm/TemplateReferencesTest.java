package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateReferencesTest {

  private static TemplateReferences.Scan scan(String text) {
    return TemplateReferences.scanText("templates/t.yaml", text);
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{{ .Values.a.b }} => a.b.*",
        "{{- .Values.a.b -}} => a.b.*",
        "{{ $.Values.a.b }} => a.b.*",
        "{{ index .Values \"a\" \"b-c\" }} => a.b-c.*",
        "{{ index .Values.a \"b\" }} => a.b.*",
        "{{ get .Values.a \"b\" }} => a.b.*",
        "{{ dig \"b\" \"c\" \"\" .Values.a }} => a.b.c.*",
        "{{ toYaml .Values.x | nindent 4 }} => x.*",
        "{{ .Values.x | toJson }} => x.*",
        "{{ include \"lib.thing\" .Values.x }} => x.*",
        "{{ if .Values.a.enabled }}x{{ end }} => a.enabled",
        "{{ if and .Values.a .Values.b }}x{{ end }} => a;b",
        "{{ if hasKey .Values.a \"k\" }}x{{ end }} => a.k",
        "{{ with .Values.x }}{{ .y }}{{ end }} => x;x.y.*",
        "{{ with .Values.x }}{{ toYaml . }}{{ end }} => x;x.*",
        "{{ range .Values.list }}{{ .name }}{{ end }} => list.*",
        "{{ range $k, $v := .Values.m }}{{ $k }}{{ end }} => m.*",
        "{{ $h := .Values.hub }}{{ $h.image.tag }} => hub;hub.image.tag.*",
        "{{ (index .Values \"a\").b }} => a.b.*",
        "{{ .Values.a | default \"x\" | quote }} => a.*",
        "{{ default .Values.d .Values.e }} => d.*;e.*",
        "{{ tpl (toYaml .Values.extra) . }} => extra.*",
        "{{ $_ := set .Values \"computed\" .Values.src }} => src.*",
        "{{ $_ := merge $.Values.dst .Values.defaults }} => defaults.*",
      })
  void readsTheseKeyPaths(String template, String expected) {
    assertThat(scan(template).paths())
        .containsExactlyInAnyOrderElementsOf(List.of(expected.strip().split(";")));
  }

  @ParameterizedTest(name = "{0} is dynamic below [{1}]")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{{ index .Values.a $key }} => a",
        "{{ get .Values.a .Values.which }} => a",
        "{{ include \"x\" .Values }} => ''",
        "{{ tpl .Values.t .Values }} => ''",
        "{{ toYaml .Values }} => ''",
        "{{ range $k, $v := .Values }}{{ end }} => ''",
        "{{ index $.Values $name \"x\" }} => ''",
      })
  void marksDynamicLookups(String template, String prefix) {
    TemplateReferences.Scan s = scan(template);
    assertThat(s.dynamics()).hasSize(1);
    assertThat(KeyReaderTest.dotted(s.dynamics().get(0).prefix())).isEqualTo(prefix);
  }

  @Test
  void commentsAndStringsDoNotCount() {
    TemplateReferences.Scan s =
        scan(
            "{{/* .Values.commented */}}\n"
                + "{{- /* multi\n line .Values.also */ -}}\n"
                + "{{ printf \"%s .Values.inString }}\" .Values.real }}\n"
                + "{{ `raw .Values.raw }}` }}");
    assertThat(s.paths()).containsExactly("real.*");
  }

  @Test
  void escapedQuoteInsideStringDoesNotEndIt() {
    assertThat(scan("{{ printf \"a\\\"}} .Values.no\" .Values.yes }}").paths())
        .containsExactly("yes.*");
  }

  @Test
  void recordsTheLineOfEachReference() {
    TemplateReferences.Scan s =
        scan("kind: Secret\n{{/* c\n*/}}\nx: {{ .Values.a }}\ny: {{\n  .Values.b }}\n");
    assertThat(s.refs()).extracting(TemplateReferences.ValueRef::line).containsExactly(4, 5);
  }

  @Test
  void dynamicLookupNamesFileAndLine() {
    TemplateReferences.Scan s = scan("a: 1\nb: {{ index .Values.cfg $k }}\n");
    assertThat(s.dynamics().get(0).file()).isEqualTo("templates/t.yaml");
    assertThat(s.dynamics().get(0).line()).isEqualTo(2);
  }

  @Test
  void elseOfAWithBlockRestoresTheOuterDot() {
    assertThat(scan("{{ with .Values.x }}{{ .y }}{{ else }}{{ .z }}{{ end }}").paths())
        .containsExactlyInAnyOrder("x", "x.y.*");
  }

  @Test
  void verdictNamesReadKeysAndFreesWholeSubtrees() {
    TemplateReferences.Scan s = scan("{{ .Values.a.b }}{{ if .Values.c.d }}{{ end }}");
    assertThat(s.verdict(List.of("a", "b")).use()).isEqualTo(KeyVerdict.Use.NAMED);
    assertThat(s.verdict(List.of("a", "b", "z")).use()).isEqualTo(KeyVerdict.Use.FREE_FORM);
    assertThat(s.verdict(List.of("c", "d", "z")).use()).isEqualTo(KeyVerdict.Use.UNREAD);
    assertThat(s.verdict(List.of("a")).use()).isEqualTo(KeyVerdict.Use.NAMED);
    assertThat(s.verdict(List.of("q")).use()).isEqualTo(KeyVerdict.Use.UNREAD);
  }

  @Test
  void verdictBelowADynamicLookupIsDynamicWithTheTemplateLine() {
    TemplateReferences.Scan s = scan("\n{{ index .Values.cfg $k }}");
    KeyVerdict v = s.verdict(List.of("cfg", "anything"));
    assertThat(v.use()).isEqualTo(KeyVerdict.Use.DYNAMIC);
    assertThat(v.reason()).contains("templates/t.yaml:2");
  }

  private static final String DEPLOYMENT =
      """
      {{- /* a deployment in the usual chart style */ -}}
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ include "demo.fullname" . }}
        labels:
          {{- include "demo.labels" . | nindent 4 }}
      spec:
        replicas: {{ .Values.replicaCount }}
        template:
          spec:
            {{- with .Values.imagePullSecrets }}
            imagePullSecrets:
              {{- toYaml . | nindent 8 }}
            {{- end }}
            containers:
              - image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
                env:
                  {{- range $name, $value := .Values.env }}
                  - name: {{ $name }}
                    value: {{ $value | quote }}
                  {{- end }}
                {{- if .Values.resources }}
                resources: {{- toYaml .Values.resources | nindent 12 }}
                {{- end }}
            {{- with .Values.scheduling }}
            {{- if .nodeSelector }}
            nodeSelector: {{- toYaml .nodeSelector | nindent 8 }}
            {{- end }}
            {{- end }}
            {{- $cfg := .Values.config }}
            {{- if $cfg.debug }}
            args: ["--debug", {{ $cfg.level | quote }}]
            {{- end }}
      """;

  private static final String HELPERS =
      """
      {{- define "demo.fullname" -}}
      {{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
      {{- end }}
      {{- define "demo.labels" -}}
      app: {{ .Values.nameOverride | default "demo" }}
      {{- with .Values.commonLabels }}
      {{ toYaml . }}
      {{- end }}
      {{- end }}
      """;

  @Test
  void scansAChartsTemplatesFolderIncludingHelpersAndSubfolders(@TempDir Path chart)
      throws IOException {
    Files.createDirectories(chart.resolve("templates/sub"));
    Files.writeString(chart.resolve("templates/deployment.yaml"), DEPLOYMENT);
    Files.writeString(chart.resolve("templates/_helpers.tpl"), HELPERS);
    Files.writeString(chart.resolve("templates/sub/NOTES.txt"), "{{ .Values.notes.url }}\n");
    TemplateReferences.Scan s = TemplateReferences.scan(chart);
    assertThat(s.paths())
        .contains(
            "replicaCount.*",
            "imagePullSecrets",
            "imagePullSecrets.*",
            "image.repository.*",
            "image.tag.*",
            "env.*",
            "resources",
            "resources.*",
            "scheduling",
            "scheduling.nodeSelector",
            "scheduling.nodeSelector.*",
            "config",
            "config.debug",
            "config.level.*",
            "nameOverride.*",
            "commonLabels",
            "commonLabels.*",
            "notes.url.*");
    assertThat(s.dynamics()).isEmpty();
    assertThat(s.refs())
        .filteredOn(r -> r.path().equals(List.of("notes", "url")))
        .extracting(TemplateReferences.ValueRef::file)
        .containsExactly("templates/sub/NOTES.txt");
  }

  @Test
  void chartWithoutTemplatesFolderReadsNothing(@TempDir Path chart) throws IOException {
    assertThat(TemplateReferences.scan(chart).refs()).isEmpty();
  }
}
