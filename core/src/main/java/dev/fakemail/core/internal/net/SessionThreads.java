package dev.fakemail.core.internal.net;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for sessions: a virtual thread per connection on Java 21+, chosen at run time; on Java 17
 * a cached pool of platform threads, bounded in use by the listener's connection limit (idle threads end after a minute).
 */
public final class SessionThreads {
  private SessionThreads() {}

  public static boolean virtualThreadsAvailable() {
    return virtualExecutorFactory() != null;
  }

  public static ExecutorService create(String name) {
    Method m = virtualExecutorFactory();
    if (m != null) {
      try {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
        builder = builderClass.getMethod("name", String.class, long.class).invoke(builder, name + "-", 1L);
        ThreadFactory factory = (ThreadFactory) builderClass.getMethod("factory").invoke(builder);
        return (ExecutorService) m.invoke(null, factory);
      } catch (ReflectiveOperationException e) {
        // fall through to platform threads
      }
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // The connection limit is the listener's semaphore, which bounds the sessions; the pool itself is
    // not capped, so that threads still finishing a session (after freeing its slot) never make it
    // refuse the next one.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), factory, new ThreadPoolExecutor.AbortPolicy());
    return pool;
  }

  private static Method virtualExecutorFactory() {
    try {
      return java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
