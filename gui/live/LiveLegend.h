#pragma once

#include <QWidget>

namespace sb::gui {

/// The key to the running canvas, in a corner of the view: load colours of the ring,
/// traffic dots (served, failed), the queue bar and what a down node or cut link looks like.
class LiveLegend final : public QWidget {
    Q_OBJECT

public:
    explicit LiveLegend(QWidget* parent = nullptr);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace sb::gui
