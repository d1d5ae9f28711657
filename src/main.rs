fn main() -> std::process::ExitCode {
    xinfang::cli::main()
}
