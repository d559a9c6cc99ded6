# Sourced by the run scripts: points JAVA_HOME at a JDK 21 or newer, without asking the user to.
# Order: a JAVA_HOME that is already 21+, then the newest JDK under /usr/lib/jvm or
# /Library/Java/JavaVirtualMachines, then `java` on the PATH.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$dir"; fi
  fi
  if [ -z "$best" ]; then
    echo "Liaison needs a JDK 21 or newer; none was found (set JAVA_HOME to one)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
pick_java_home
export PATH="$JAVA_HOME/bin:$PATH"
