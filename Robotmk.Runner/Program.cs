namespace Robotmk.Runner; static class Program { static int Main() => 0; }
