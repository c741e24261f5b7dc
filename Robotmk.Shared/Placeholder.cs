namespace Robotmk; public static class Placeholder {}
