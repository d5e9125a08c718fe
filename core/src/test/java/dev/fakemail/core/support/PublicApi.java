package dev.fakemail.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a published module as stable, sorted text, and its check against the file checked
 * in beside the module's pom, {@code <module>/api/<artifact>.api} (as OkHttp keeps its {@code .api}
 * files): every public class of the listed packages (never their {@code internal} subpackages), with its
 * public and protected constructors, methods and fields, in generic form.
 *
 * <p>A module's {@code PublicApiTest} fails with a diff when the code and the file differ. After an
 * intended API change, rewrite the files and commit the diff with the change:
 *
 * <pre>
 * mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true
 * </pre>
 */
public final class PublicApi {
  /** Set to {@code true} to rewrite the {@code .api} files instead of checking them. */
  public static final String UPDATE_PROPERTY = "fakemail.api.update";
  public static final String UPDATE_COMMAND =
      "mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

  private PublicApi() {}

  /**
   * Checks (or, with {@code -Dfakemail.api.update=true}, rewrites) {@code moduleDir/api/artifact.api}.
   *
   * @param moduleDir the module's folder from the project root, e.g. {@code "core"}
   * @param artifact the module's artifactId, the file's name
   * @param anchor any class of the module, to find its classes (a folder or a jar)
   * @param packages the exported packages, exactly (subpackages are not included)
   */
  public static void check(String moduleDir, String artifact, Class<?> anchor, String... packages) {
    String actual = render(anchor, packages);
    Path file = projectRoot(moduleDir).resolve(moduleDir).resolve("api").resolve(artifact + ".api");
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("no recorded public API at " + file + "; record it with\n  " + UPDATE_COMMAND);
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      if (!expected.equals(actual)) {
        throw new AssertionError("The public API of " + artifact + " differs from " + moduleDir + "/api/" + artifact
            + ".api (- recorded, + in the code):\n" + diff(lines(expected), lines(actual))
            + "\nIf the change is intended, update the file and commit it with the change:\n  " + UPDATE_COMMAND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public API of {@code packages} (found next to {@code anchor}) as sorted text, one member a line. */
  public static String render(Class<?> anchor, String... packages) {
    Set<String> wanted = Set.of(packages);
    TreeMap<String, List<String>> classes = new TreeMap<>();
    for (String name : classNames(anchor)) {
      int dot = name.lastIndexOf('.');
      if (!wanted.contains(name.substring(0, dot))) {
        continue;
      }
      Class<?> c;
      try {
        c = Class.forName(name, false, anchor.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (isApi(c)) {
        classes.put(c.getName(), members(c));
      }
    }
    StringBuilder out = new StringBuilder();
    classes.forEach((name, members) -> {
      out.append(members.get(0)).append(" {\n");
      members.subList(1, members.size()).forEach(m -> out.append("  ").append(m).append('\n'));
      out.append("}\n\n");
    });
    return out.toString();
  }

  private static boolean isApi(Class<?> c) {
    if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      int m = k.getModifiers();
      boolean nestedProtected = k.getDeclaringClass() != null && Modifier.isProtected(m);
      if (!Modifier.isPublic(m) && !nestedProtected) {
        return false;
      }
    }
    return true;
  }

  /** The class's header first, then its members sorted. */
  private static List<String> members(Class<?> c) {
    TreeSet<String> lines = new TreeSet<>();
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        lines.add(deprecated(f.isAnnotationPresent(Deprecated.class)) + modifiers(f.getModifiers(), false)
            + name(f.getGenericType()) + " " + f.getName());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers()) && !k.isSynthetic()) {
        lines.add(executable(k, "<init>", ""));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        lines.add(executable(m, m.getName(), name(m.getGenericReturnType()) + " "));
      }
    }
    List<String> result = new ArrayList<>();
    result.add(header(c));
    result.addAll(lines);
    return result;
  }

  private static String header(Class<?> c) {
    int mods = c.getModifiers();
    String kind;
    if (c.isAnnotation()) {
      kind = "@interface";
      mods &= ~(Modifier.INTERFACE | Modifier.ABSTRACT);
    } else if (c.isInterface()) {
      kind = "interface";
      mods &= ~(Modifier.INTERFACE | Modifier.ABSTRACT);
    } else if (c.isEnum()) {
      kind = "enum";
      mods &= ~(Modifier.FINAL | Modifier.ABSTRACT);
    } else if (c.isRecord()) {
      kind = "record";
      mods &= ~Modifier.FINAL;
    } else {
      kind = "class";
    }
    StringBuilder h = new StringBuilder(deprecated(c.isAnnotationPresent(Deprecated.class)))
        .append(modifiers(mods, false));
    if (c.isSealed()) {
      h.append("sealed ");
    }
    h.append(kind).append(' ').append(c.getName()).append(typeParameters(c.getTypeParameters()));
    Type sup = c.getGenericSuperclass();
    if (sup != null && !c.isEnum() && !c.isRecord() && sup != Object.class) {
      h.append(" extends ").append(name(sup));
    }
    List<String> interfaces = Arrays.stream(c.getGenericInterfaces())
        .filter(t -> !(c.isAnnotation() && t == java.lang.annotation.Annotation.class))
        .map(PublicApi::name).collect(Collectors.toList());
    if (!interfaces.isEmpty()) {
      h.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    if (c.isSealed()) {
      h.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses()).map(Class::getName).sorted()
          .collect(Collectors.joining(", ")));
    }
    return h.toString();
  }

  private static String executable(Executable e, String name, String returns) {
    int mods = e.getModifiers();
    if (e.getDeclaringClass().isInterface()) {
      mods &= ~Modifier.PUBLIC;
    }
    StringBuilder s = new StringBuilder(deprecated(e.isAnnotationPresent(Deprecated.class)));
    if (e instanceof Method m && m.isDefault()) {
      s.append("default ");
    }
    s.append(modifiers(mods, true));
    String tp = typeParameters(e.getTypeParameters());
    if (!tp.isEmpty()) {
      s.append(tp).append(' ');
    }
    Type[] params = e.getGenericParameterTypes();
    if (params.length != e.getParameterCount()) {
      params = e.getParameterTypes(); // an inner class's constructor: the erased form lists the outer instance
    }
    List<String> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      String p = name(params[i]);
      if (e.isVarArgs() && i == params.length - 1 && p.endsWith("[]")) {
        p = p.substring(0, p.length() - 2) + "...";
      }
      ps.add(p);
    }
    s.append(returns).append(name).append('(').append(String.join(", ", ps)).append(')');
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      s.append(" throws ").append(Arrays.stream(exceptions).map(PublicApi::name).sorted().collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String deprecated(boolean deprecated) {
    return deprecated ? "@Deprecated " : "";
  }

  private static String modifiers(int modifiers, boolean executable) {
    int keep = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT
        | (executable ? Modifier.SYNCHRONIZED | Modifier.NATIVE : Modifier.VOLATILE | Modifier.TRANSIENT);
    String s = Modifier.toString(modifiers & keep);
    return s.isEmpty() ? "" : s + " ";
  }

  private static String typeParameters(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    return Arrays.stream(vars).map(v -> {
      List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).map(PublicApi::name)
          .collect(Collectors.toList());
      return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String name(Type t) {
    return t.getTypeName();
  }

  /** The binary names of every class in the folder or jar that {@code anchor} was loaded from. */
  private static List<String> classNames(Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> names = new ArrayList<>();
    try {
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          files.filter(p -> p.toString().endsWith(".class"))
              .map(p -> location.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
              .forEach(n -> names.add(className(n)));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
              names.add(className(n));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names.stream().filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info")).sorted()
        .collect(Collectors.toList());
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }

  /** The folder holding {@code moduleDir}: the working directory or one of its parents. */
  private static Path projectRoot(String moduleDir) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(moduleDir).resolve("pom.xml")) && Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no " + moduleDir + "/pom.xml above " + Path.of("").toAbsolutePath());
  }

  private static List<String> lines(String s) {
    return List.of(s.split("\n", -1));
  }

  /**
   * The changed lines (a longest-common-subsequence diff), each under the class it belongs to, so that
   * the message reads as "in class X, this member went, that one came".
   */
  static String diff(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    String header = null;
    String printedHeader = null;
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      String line;
      char sign;
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        line = a.get(i);
        sign = ' ';
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        line = a.get(i++);
        sign = '-';
      } else {
        line = b.get(j++);
        sign = '+';
      }
      boolean isHeader = line.endsWith(" {") && !line.startsWith(" ");
      if (sign == ' ') {
        if (isHeader) {
          header = line;
        }
        continue;
      }
      if (line.isEmpty() || line.equals("}")) {
        continue;
      }
      if (!isHeader && header != null && !header.equals(printedHeader)) {
        out.append("  ").append(header).append('\n');
        printedHeader = header;
      }
      out.append(sign).append(' ').append(line).append('\n');
      if (isHeader) {
        header = line;
        printedHeader = line;
      }
    }
    return out.toString();
  }
}
