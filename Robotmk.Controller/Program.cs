namespace Robotmk.Controller; static class Program { static int Main() => 0; }
