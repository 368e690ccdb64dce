#include "gui/live/EventLogDock.h"

#include "gui/live/EventLogModel.h"
#include "gui/live/LiveRun.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::gui {

EventLogDock::EventLogDock(LiveRun& run, QWidget* parent)
    : QDockWidget(tr("Event log"), parent)
    , m_run(run)
    , m_model(new EventLogModel(this))
    , m_filtered(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_text(new QLineEdit)
    , m_category(new QComboBox) {
    setObjectName(QStringLiteral("eventLogDock"));
    m_filtered->setSourceModel(m_model);
    m_filtered->setFilterRole(EventLogModel::kFilterRole);
    m_category->setObjectName(QStringLiteral("eventCategory"));
    const std::pair<QString, QString> groups[] = {{tr("All events"), {}},
                                                  {tr("Faults"), QStringLiteral("faults")},
                                                  {tr("Failover"), QStringLiteral("failover")},
                                                  {tr("Alerts"), QStringLiteral("alerts")},
                                                  {tr("Scaling"), QStringLiteral("scaling")},
                                                  {tr("Live changes"), QStringLiteral("changes")}};
    for (const auto& [label, key] : groups)
        m_category->addItem(label, key);
    m_text->setObjectName(QStringLiteral("eventFilter"));
    m_text->setPlaceholderText(tr("Filter by node, event or detail"));
    m_text->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_filtered);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(EventLogModel::TimeColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setColumnWidth(EventLogModel::KindColumn, 130);
    m_table->setColumnWidth(EventLogModel::NodeColumn, 100);

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_category);
    filters->addWidget(m_text, 1);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    setWidget(body);

    connect(m_text, &QLineEdit::textChanged, this, &EventLogDock::applyFilter);
    connect(m_category, &QComboBox::currentIndexChanged, this, &EventLogDock::applyFilter);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const QString node = index.data(EventLogModel::kNodeIdRole).toString();
        if (!node.isEmpty())
            Q_EMIT nodeChosen(node);
    });
    connect(&m_run, &LiveRun::cleared, m_model, &EventLogModel::clear);
    connect(&m_run, &LiveRun::eventsAdded, this, [this] {
        QScrollBar* bar = m_table->verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        m_model->append(m_run.record().events, std::size_t(m_model->rowCount()));
        if (atEnd)
            m_table->scrollToBottom();
    });
}

int EventLogDock::visibleRows() const {
    return m_filtered->rowCount();
}

void EventLogDock::applyFilter() {
    const QString group = m_category->currentData().toString();
    QString pattern = QStringLiteral("^");
    if (!group.isEmpty())
        pattern += QStringLiteral("(?=cat=%1 )").arg(group);
    const QString text = m_text->text().trimmed();
    if (!text.isEmpty())
        pattern += QStringLiteral("(?=.*%1)").arg(QRegularExpression::escape(text));
    m_filtered->setFilterRegularExpression(
        QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption));
}

} // namespace sb::gui
