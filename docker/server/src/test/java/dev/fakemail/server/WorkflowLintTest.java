package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The GitHub Actions workflow cannot run here, so it is linted: the keys GitHub accepts at each level,
 * every step either {@code uses} a pinned action or {@code run}s a command, {@code needs} and
 * {@code steps.<id>} name what exists, expressions are closed; and it does what .ci/run does (the same
 * test tools, the same test command) and, on a tag, pushes a two-platform image with OCI labels.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkflowLintTest {
  private static final Set<String> TOP = Set.of("name", "run-name", "on", "permissions", "env", "defaults",
      "concurrency", "jobs");
  private static final Set<String> JOB = Set.of("name", "needs", "permissions", "runs-on", "environment",
      "concurrency", "outputs", "env", "defaults", "if", "steps", "timeout-minutes", "strategy",
      "continue-on-error", "container", "services", "uses", "with", "secrets");
  private static final Set<String> STEP = Set.of("id", "if", "name", "uses", "run", "shell", "with", "env",
      "continue-on-error", "timeout-minutes", "working-directory");
  private static final Set<String> EVENTS = Set.of("push", "pull_request", "pull_request_target",
      "workflow_dispatch", "schedule", "release", "workflow_call", "merge_group");
  /** Installed by .ci/run for podman or as Debian's chromium; the runner has Docker and Chrome instead. */
  private static final Set<String> NOT_ON_THE_RUNNER = Set.of("podman", "runc", "debootstrap", "chromium",
      "chromium-driver");

  private static Path root;
  private static JsonNode workflow;

  @BeforeAll
  static void read() throws IOException {
    Path d = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(d.resolve(".github/workflows"))) {
      d = d.getParent();
      assertThat(d).as("no .github/workflows above the working directory").isNotNull();
    }
    root = d;
    workflow = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(".github/workflows/ci.yml").toFile());
  }

  @Test
  void keysAndReferencesAreOnesGitHubAccepts() {
    assertThat(names(workflow)).isSubsetOf(TOP).contains("on", "jobs");
    JsonNode on = workflow.get("on");
    assertThat(on.isObject() ? names(on) : Set.of(on.asText())).isNotEmpty().isSubsetOf(EVENTS);
    JsonNode jobs = workflow.get("jobs");
    assertThat(names(jobs)).isNotEmpty();
    for (Iterator<Map.Entry<String, JsonNode>> it = jobs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String job = e.getKey();
      JsonNode j = e.getValue();
      assertThat(job).as("job id").matches("[A-Za-z_][A-Za-z0-9_-]*");
      assertThat(names(j)).as("keys of job %s", job).isSubsetOf(JOB).contains("runs-on", "steps");
      for (String need : texts(j.get("needs"))) {
        assertThat(names(jobs)).as("job %s needs", job).contains(need);
      }
      assertThat(j.get("steps").isArray() && j.get("steps").size() > 0).as("job %s has steps", job).isTrue();
      Set<String> ids = new HashSet<>();
      for (JsonNode step : j.get("steps")) {
        assertThat(names(step)).as("keys of a step of %s: %s", job, step).isSubsetOf(STEP);
        assertThat(step.has("uses") ^ step.has("run")).as("a step of %s either uses or runs: %s", job, step).isTrue();
        if (step.has("uses")) {
          assertThat(step.get("uses").asText()).as("an action pinned to a version").matches("[\\w.-]+/[\\w./-]+@[\\w.-]+");
        } else {
          assertThat(step.has("with")).as("`with` belongs to an action: %s", step).isFalse();
        }
        if (step.has("id")) {
          assertThat(ids.add(step.get("id").asText())).as("step ids of %s are unique", job).isTrue();
        }
      }
      String text = strings(j);
      assertThat(count(text, "${{")).as("every ${{ is closed in job %s", job)
          .isEqualTo(count(text.replaceAll("\\$\\{\\{[^{}]*}}", "@"), "@") - count(text, "@"));
      Matcher m = Pattern.compile("steps\\.([A-Za-z_][\\w-]*)\\.").matcher(text);
      while (m.find()) {
        assertThat(ids).as("steps.%s in job %s", m.group(1), job).contains(m.group(1));
      }
    }
  }

  @Test
  void testJobDoesWhatCiRunDoes() throws IOException {
    String ci = Files.readString(root.resolve(".ci/run")).replace("\\\n", " ");
    List<String> runs = new ArrayList<>();
    workflow.get("jobs").get("test").get("steps").forEach(s -> runs.add(s.path("run").asText()));
    String all = String.join("\n", runs);

    String testCommand = ci.lines().map(String::strip).filter(l -> l.startsWith("mvn ")).reduce((a, b) -> b).orElseThrow();
    assertThat(runs).as("the workflow runs .ci/run's test command").contains(testCommand);

    Set<String> packages = new LinkedHashSet<>();
    ci.lines().filter(l -> l.contains("apt-get") && l.contains(" install ")).forEach(l -> {
      for (String w : l.substring(l.indexOf(" install ") + 9).split("\\s+")) {
        if (w.startsWith(">") || w.startsWith("#")) {
          break;
        }
        if (!w.isEmpty() && !w.startsWith("-")) {
          packages.add(w);
        }
      }
    });
    packages.removeAll(NOT_ON_THE_RUNNER);
    assertThat(packages).as(".ci/run's packages").isNotEmpty();
    Set<String> installed = new HashSet<>(Arrays.asList(all.split("\\s+")));
    assertThat(installed).as("the workflow installs what .ci/run installs").containsAll(packages);
    assertThat(workflow.get("jobs").get("test").get("env").get("CI").asText()).isEqualTo("true");
  }

  @Test
  void aTagPushesTheImageForTwoPlatformsWithOciLabels() {
    assertThat(texts(workflow.get("on").get("push").get("tags"))).isNotEmpty();
    JsonNode image = workflow.get("jobs").get("image");
    assertThat(image.get("if").asText()).contains("refs/tags/");
    JsonNode build = null;
    JsonNode meta = null;
    for (JsonNode s : image.get("steps")) {
      String uses = s.path("uses").asText();
      if (uses.startsWith("docker/build-push-action@")) {
        build = s.get("with");
      } else if (uses.startsWith("docker/metadata-action@")) {
        meta = s;
      }
    }
    assertThat(build).as("a docker/build-push-action step").isNotNull();
    assertThat(build.get("platforms").asText()).contains("linux/amd64", "linux/arm64");
    assertThat(build.get("push").asText()).isEqualTo("true");
    assertThat(build.get("context").asText()).isEqualTo("docker/server");
    assertThat(Files.exists(root.resolve("docker/server/Dockerfile"))).isTrue();
    assertThat(meta).as("a docker/metadata-action step (OCI version, revision, source labels)").isNotNull();
    assertThat(build.get("labels").asText()).isEqualTo("${{ steps." + meta.get("id").asText() + ".outputs.labels }}");
    assertThat(meta.get("with").get("labels").asText()).contains("org.opencontainers.image.licenses=Apache-2.0");
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new LinkedHashSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static List<String> texts(JsonNode n) {
    List<String> s = new ArrayList<>();
    if (n == null) {
      return s;
    }
    if (n.isArray()) {
      n.forEach(x -> s.add(x.asText()));
    } else {
      s.add(n.asText());
    }
    return s;
  }

  /** Every scalar value under {@code n}, a line each. */
  private static String strings(JsonNode n) {
    if (n.isContainerNode()) {
      StringBuilder b = new StringBuilder();
      n.forEach(x -> b.append(strings(x)));
      return b.toString();
    }
    return n.asText() + "\n";
  }

  private static int count(String s, String part) {
    int c = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      c++;
    }
    return c;
  }
}
