// Run: jshell --class-path "$(cat examples/target/classpath.txt):examples/target/classes" examples/jshell/yaml-lint.jsh
import dev.deploysafe.core.*
import java.nio.file.Path

YamlFile f = YamlSource.load(Path.of("examples/values/hub-surprises.yaml"))
Report r = f.report()
System.out.println(r.toText())
YamlDocument doc = f.documents().get(0)
System.out.println("the image tag is at " + doc.locationOf(java.util.List.of("jupyterhub", "singleuser", "image", "tag")))
System.out.println("Helm reads this file as " + GoJson.write(doc.value()))
Check<Report> noWarnings = Checks.of("example.no-warnings", x -> x.warnings().isEmpty(), x -> x.warnings().size() + " warning(s)")
System.out.println(noWarnings.check(r).toText())
/exit
