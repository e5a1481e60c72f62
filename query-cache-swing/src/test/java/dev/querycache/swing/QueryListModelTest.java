package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JList;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryListModel}: the exact list events it fires, and what a
 * {@link JList} keeps across them. The diff itself is {@link RowDiffTest}'s; this checks the
 * list model's mapping onto {@code intervalAdded}, {@code intervalRemoved} and
 * {@code contentsChanged}. Runs on the EDT with a synchronous notify executor; the query's
 * data is written by hand.
 */
@ExtendWith(RunOnEdt.class)
class QueryListModelTest {
  /** An element: a contact. */
  record Contact(String id, String name) {}

  private static final List<Contact> CONTACTS =
      List.of(new Contact("1", "Ada"), new Contact("2", "Brian"), new Contact("3", "Claude"));

  private final QueryClient client = QueryClient.builder().build();
  private final QueryKey<List<Contact>> key = QueryKey.of("contacts");
  private final QueryOptions<List<Contact>> options = QueryOptions.builder(key).build();
  private final QueryListModel<Contact> model = new QueryListModel<>(Contact::id);
  private final JList<Contact> list = new JList<>(model);
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void showTheList() {
    list.addNotify();
    model.addListDataListener(
        new ListDataListener() {
          @Override
          public void intervalAdded(ListDataEvent event) {
            events.add("added " + event.getIndex0() + ".." + event.getIndex1());
          }

          @Override
          public void intervalRemoved(ListDataEvent event) {
            events.add("removed " + event.getIndex0() + ".." + event.getIndex1());
          }

          @Override
          public void contentsChanged(ListDataEvent event) {
            events.add("changed " + event.getIndex0() + ".." + event.getIndex1());
          }
        });
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private void loaded(List<Contact> contacts) {
    model.bind(list, client, options);
    client.setQueryData(key, contacts);
    events.clear();
  }

  @Test
  void theFirstDataIsOneAddedIntervalOfEveryElement() {
    model.bind(list, client, options);

    client.setQueryData(key, CONTACTS);

    assertThat(events).containsExactly("added 0..2");
    assertThat(model.elements()).isEqualTo(CONTACTS);
  }

  @Test
  void aChangedElementIsOneChangedIntervalOfThatElement() {
    loaded(CONTACTS);

    client.setQueryData(key, List.of(CONTACTS.get(0), new Contact("2", "Brian K."), CONTACTS.get(2)));

    assertThat(events).containsExactly("changed 1..1");
    assertThat(model.getElementAt(1).name()).isEqualTo("Brian K.");
  }

  @Test
  void equalDataFiresNothing() {
    loaded(CONTACTS);

    client.setQueryData(key, List.copyOf(new ArrayList<>(CONTACTS)));

    assertThat(events).isEmpty();
  }

  @Test
  void aRemovedElementIsOneRemovedInterval() {
    loaded(CONTACTS);

    client.setQueryData(key, List.of(CONTACTS.get(0), CONTACTS.get(2)));

    assertThat(events).containsExactly("removed 1..1");
  }

  @Test
  void anElementInsertedInTheMiddleIsOneAddedInterval() {
    loaded(CONTACTS);

    client.setQueryData(key, List.of(CONTACTS.get(0), new Contact("9", "Barbara"), CONTACTS.get(1), CONTACTS.get(2)));

    assertThat(events).containsExactly("added 1..1");
  }

  @Test
  void theListsSelectionSurvivesAChangeOfTheSelectedElement() {
    loaded(CONTACTS);
    list.setSelectedIndex(2);

    client.setQueryData(key, List.of(CONTACTS.get(0), CONTACTS.get(1), new Contact("3", "Claude S.")));

    assertThat(list.getSelectedIndex()).isEqualTo(2);
  }

  @Test
  void aNullRowKeyIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> new QueryListModel<Contact>(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rowKey == null");
  }
}
