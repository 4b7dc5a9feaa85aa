#include "cli/command.hpp"
#include "cli/completion_scripts.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string_view>

namespace gradepost::cli {

namespace {

int print_completion(const std::string& shell) {
    std::string_view script = shell == "zsh"    ? k_zsh_completion
                              : shell == "fish" ? k_fish_completion
                                                : k_bash_completion;
    std::fwrite(script.data(), 1, script.size(), stdout);
    return 0;
}

} // namespace

void add_completion_command(CLI::App& app, GlobalOptions& /*globals*/, Action& action) {
    auto shell = std::make_shared<std::string>();
    auto* command = app.add_subcommand("completion", "Print the shell completion script");
    command->add_option("SHELL", *shell, "bash|zsh|fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    command->footer("Example:\n  source <(gradepost completion bash)     # in ~/.bashrc\n"
                    "  source <(gradepost completion zsh)      # in ~/.zshrc, after compinit\n"
                    "  gradepost completion fish > ~/.config/fish/completions/gradepost.fish");
    command->callback([&action, shell] { action = [shell] { return print_completion(*shell); }; });
}

} // namespace gradepost::cli
