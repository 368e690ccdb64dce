#pragma once

#include <QString>

namespace sb::gui {

/// A small pill drawn above a node during a run: "hit 92%", "lag 140 ms", "Overloaded ×19".
struct NodeBadge {
    enum class Tone { Info, Warning, Error };
    QString text;
    Tone tone = Tone::Info;
    bool operator==(const NodeBadge&) const = default;
};

} // namespace sb::gui
