// A Jenkins shared-library step that runs the deploysafe CLI on the agent (the way the Jenkins
// docs recommend for tools: a standalone executable called with `sh`, not @Grab on the controller).
//
// Usage in a Jenkinsfile:
//   @Library('deploysafe') _
//   deploysafe(command: 'yaml-lint', args: ['config/'], report: 'deploysafe-yaml.xml')
//
// The JUnit XML report gives one test case per check (always at least one, so Jenkins records it);
// the exit code blocks the build, because the junit step alone only marks it UNSTABLE.
def call(Map params = [:]) {
  String jar = params.get('jar', 'deploysafe.jar')
  String command = params.command ?: error('deploysafe: command is required')
  List<String> args = params.get('args', [])
  String report = params.get('report', "deploysafe-${command}.xml")
  int code = sh(
      returnStatus: true,
      script: "java -jar '${jar}' ${command} --format junit --output '${report}' " +
              args.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' '))
  junit(testResults: report, allowEmptyResults: false)
  if (code == 1) { error("deploysafe ${command}: blocking findings (see ${report})") }
  if (code == 2) { error("deploysafe ${command}: usage error or unreadable input") }
  if (code == 3) { error("deploysafe ${command}: could not decide (unknown or timeout); failing closed") }
  return code
}
