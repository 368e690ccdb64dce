#include "gui/live/SnapshotMailbox.h"

namespace sb::gui {

void SnapshotMailbox::snapshot(emu::SnapshotPtr snapshot) {
    std::lock_guard lock(m_mutex);
    m_pending.push_back(std::move(snapshot));
}

void SnapshotMailbox::finished(std::shared_ptr<const emu::RunResult> result) {
    std::lock_guard lock(m_mutex);
    m_result = std::move(result);
}

std::vector<emu::SnapshotPtr> SnapshotMailbox::take() {
    std::vector<emu::SnapshotPtr> out;
    std::lock_guard lock(m_mutex);
    out.swap(m_pending);
    return out;
}

std::shared_ptr<const emu::RunResult> SnapshotMailbox::result() const {
    std::lock_guard lock(m_mutex);
    return m_result;
}

} // namespace sb::gui
