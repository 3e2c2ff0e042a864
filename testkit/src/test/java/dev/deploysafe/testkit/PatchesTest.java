package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchesTest {

  private static final ObjectMapper M = new ObjectMapper();

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) M.readTree(s.replace('\'', '"'));
  }

  private static final String POD_SPEC =
      "{'containers':[{'name':'a','image':'x:1','env':[{'name':'E','value':'1'}],"
          + "'ports':[{'containerPort':80,'name':'http'}]},{'name':'b','image':'y:1'}],"
          + "'tolerations':[{'key':'k1'}]}";

  @Test
  void containersMergeByNameAndKeepOthers() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json(POD_SPEC), json("{'containers':[{'name':'a','image':'x:2'}]}"), true);

    assertThat(out.at("/containers/0/image").asText()).isEqualTo("x:2");
    assertThat(out.at("/containers/0/env/0/value").asText()).isEqualTo("1");
    assertThat(out.at("/containers/1/name").asText()).isEqualTo("b");
  }

  @Test
  void newListElementIsAppended() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json(POD_SPEC), json("{'containers':[{'name':'c','image':'z:1'}]}"), true);

    assertThat(out.path("containers")).hasSize(3);
    assertThat(out.at("/containers/2/name").asText()).isEqualTo("c");
  }

  @Test
  void patchDeleteDirectiveRemovesTheKeyedElement() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json(POD_SPEC), json("{'containers':[{'name':'b','$patch':'delete'}]}"), true);

    assertThat(out.path("containers")).hasSize(1);
    assertThat(out.at("/containers/0/name").asText()).isEqualTo("a");
  }

  @Test
  void containerPortsMergeByContainerPort() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json(POD_SPEC),
            json("{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'}]}]}"),
            true);

    assertThat(out.at("/containers/0/ports")).hasSize(1);
    assertThat(out.at("/containers/0/ports/0/name").asText()).isEqualTo("http");
    assertThat(out.at("/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
  }

  @Test
  void listsWithoutMergeKeyAreReplaced() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(json(POD_SPEC), json("{'tolerations':[{'key':'k2'}]}"), true);

    assertThat(out.path("tolerations")).hasSize(1);
    assertThat(out.at("/tolerations/0/key").asText()).isEqualTo("k2");
  }

  @Test
  void nullDeletesAField() throws Exception {
    ObjectNode out = Patches.strategicMerge(json(POD_SPEC), json("{'tolerations':null}"), true);

    assertThat(out.has("tolerations")).isFalse();
  }

  @Test
  void replaceDirectiveReplacesAMap() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json("{'m':{'a':1,'b':2}}"), json("{'m':{'$patch':'replace','c':3}}"), true);

    assertThat(out.path("m")).isEqualTo(json("{'c':3}"));
  }

  @Test
  void setElementOrderDirectivesAreIgnoredAndStripped() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json(POD_SPEC),
            json(
                "{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'a','image':'x:3'}]}"),
            true);

    assertThat(out.has("$setElementOrder/containers")).isFalse();
    assertThat(out.at("/containers/0/image").asText()).isEqualTo("x:3");
  }

  @Test
  void retainKeysDropsFieldsNotListed() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json("{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}"),
            json("{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}"),
            true);

    assertThat(out.path("strategy")).isEqualTo(json("{'type':'Recreate'}"));
  }

  @Test
  void finalizersMergeAsASet() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(
            json("{'finalizers':['a','b']}"), json("{'finalizers':['b','c']}"), true);

    assertThat(out.path("finalizers")).isEqualTo(M.readTree("[\"a\",\"b\",\"c\"]"));
  }

  @Test
  void nonStructuralMergeReplacesEveryList() throws Exception {
    ObjectNode out =
        Patches.strategicMerge(json(POD_SPEC), json("{'containers':[{'name':'a'}]}"), false);

    assertThat(out.path("containers")).hasSize(1);
  }

  @Test
  void mergePatchFollowsRfc7386() throws Exception {
    var out =
        Patches.mergePatch(
            json("{'a':{'b':1,'c':2},'d':[1]}"), json("{'a':{'b':null,'e':3},'d':[2]}"));

    assertThat(out).isEqualTo(json("{'a':{'c':2,'e':3},'d':[2]}"));
  }

  @Test
  void applyPrunesFieldsTheManagerNoLongerSets() throws Exception {
    ObjectNode live = json("{'data':{'a':'1','b':'2','other':'x'}}");
    ObjectNode last = json("{'data':{'a':'1','b':'2'}}");

    ObjectNode out = Patches.apply(live, Optional.of(last), json("{'data':{'a':'9'}}"), true);

    assertThat(out.path("data")).isEqualTo(json("{'a':'9','other':'x'}"));
  }

  @Test
  void applyPrunesKeyedListElementsTheManagerDropped() throws Exception {
    ObjectNode live = json(POD_SPEC);
    ObjectNode last =
        json("{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:1'}]}");

    ObjectNode out =
        Patches.apply(
            live, Optional.of(last), json("{'containers':[{'name':'a','image':'x:1'}]}"), true);

    assertThat(out.path("containers")).hasSize(1);
    assertThat(out.at("/containers/0/env/0/name").asText()).isEqualTo("E");
  }
}
