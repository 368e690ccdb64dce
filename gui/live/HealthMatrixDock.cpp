#include "gui/live/HealthMatrixDock.h"

#include "gui/live/HealthMatrixModel.h"
#include "gui/live/LiveRun.h"
#include "gui/live/SparklineDelegate.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace sb::gui {

namespace {

constexpr int kHealthRefreshMs = 500;

} // namespace

HealthMatrixDock::HealthMatrixDock(LiveRun& run, QWidget* parent)
    : QDockWidget(tr("Health"), parent)
    , m_run(run)
    , m_model(new HealthMatrixModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView) {
    setObjectName(QStringLiteral("healthDock"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setDynamicSortFilter(false);
    m_sorted->setSortRole(HealthMatrixModel::kSortRole);
    m_table->setObjectName(QStringLiteral("healthTable"));
    m_table->setModel(m_sorted);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    auto* sparkline = new SparklineDelegate(m_table);
    for (int c : {int(HealthMatrixModel::Utilisation), int(HealthMatrixModel::Queue),
                  int(HealthMatrixModel::Errors), int(HealthMatrixModel::Latency)})
        m_table->setItemDelegateForColumn(c, sparkline);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(HealthMatrixModel::NodeColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(HealthMatrixModel::HealthColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->sortByColumn(HealthMatrixModel::HealthColumn, Qt::DescendingOrder);
    setWidget(m_table);

    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        Q_EMIT nodeChosen(index.data(HealthMatrixModel::kNodeIdRole).toString());
    });
    connect(&m_run, &LiveRun::cleared, this, [this] {
        m_holdingMoment = false;
        m_model->reset(m_run.record());
        refresh();
    });
    connect(&m_run, &LiveRun::stateChanged, this, [this] {
        if (m_run.isActive() && !m_run.isPaused())
            m_holdingMoment = false; // running on: the matrix follows the run again
    });
    connect(&m_run, &LiveRun::started, &m_timer, [this] { m_timer.start(); });
    connect(&m_run, &LiveRun::finished, this, [this] {
        m_timer.stop();
        refresh();
    });
    m_timer.setInterval(kHealthRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_holdingMoment)
            refresh();
    });
}

void HealthMatrixDock::showMoment(const RunRecord& record, double seconds) {
    m_holdingMoment = true;
    m_model->showMoment(record, seconds);
    resort();
}

void HealthMatrixDock::refresh() {
    m_model->refresh(m_run.record(), m_run.latest());
    resort();
}

void HealthMatrixDock::resort() {
    m_sorted->sort(m_table->horizontalHeader()->sortIndicatorSection(),
                   m_table->horizontalHeader()->sortIndicatorOrder());
}

} // namespace sb::gui
