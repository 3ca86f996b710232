package vn.motcua.local.stack;

/** Run in a child JVM by {@link NodeDiesWithJvmTest}: starts a stack, prints the Node.js and moto pids, waits to be killed. */
public final class StackInChildJvm {
    public static void main(String[] args) throws InterruptedException {
        var stack = LocalAwsStack.start();
        System.out.println("MOTO_PID " + stack.motoPid());
        System.out.println("NODE_PID " + stack.nodePid());
        System.out.flush();
        Thread.sleep(120_000); // never reached in the test: it is killed first
        stack.close();
    }
}
