namespace Robotmk.Bakery; static class Program { static int Main() => 0; }
