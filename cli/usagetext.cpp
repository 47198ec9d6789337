#include "cli/usagetext.h"

namespace gantry::cli {

namespace {

constexpr const char* header
    = "Usage: gantryctl [--json] [--workspace FILE] [--journal FILE] [--timeout SECONDS] COMMAND [ARGUMENTS]\n";

constexpr const char* footer = R"(
Options:
  --json                       machine-readable output on stdout
  --workspace FILE             default $GANTRY_WORKSPACE, else ~/.config/gantry/workspace.json
  --journal FILE               default $GANTRY_JOURNAL, else ~/.local/share/gantry/journal.sqlite
  --timeout SECONDS            how long one registry request may take, retries included (default
                               60; a blob that keeps moving may take longer)
  -h, --help                   this text

Credentials come from Docker's config.json (credential helpers included) and containers'
auth.json; registries' CAs from certs.d folders and the workspace. Exit status: 0 done, 1 the
operation failed, 2 bad usage or input, 3 refused by a policy.
)";

// The right column starts here, after two spaces of indent; a longer left column keeps two spaces.
constexpr std::size_t leftWidth = 29;

const char* heading(CommandGroup group)
{
    switch (group) {
    case CommandGroup::Registry:
        return "Registry commands:";
    case CommandGroup::Release:
        return "Release commands (they read the workspace):";
    case CommandGroup::Cluster:
        return "Cluster commands (the workspace's clusters and every kubeconfig context):";
    }
    return "";
}

void appendLine(std::string& text, std::string_view left, std::string_view right)
{
    text += "  ";
    text += left;
    if (!right.empty()) {
        text.append(left.size() < leftWidth ? leftWidth - left.size() : 2, ' ');
        text += right;
    }
    text += '\n';
}

} // namespace

std::string usageText(std::span<const Command> table)
{
    std::string text = header;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const Command& command = table[i];
        if (i == 0 || table[i - 1].group != command.group)
            text += std::string("\n") + heading(command.group) + "\n";
        appendLine(text, command.synopsis(), command.summary);
        for (const auto& line : command.moreHelp)
            appendLine(text, line.left, line.right);
    }
    return text + footer;
}

} // namespace gantry::cli
