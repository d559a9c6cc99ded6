import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { TextArea } from "../../ui/fields";
import { fieldError, ProblemNotice } from "../../ui/problem";
import { Busy } from "../../ui/request-fields";
import { OPEN_STATUSES } from "../request/labels";
import { useFocusOnProblem, useSubmit } from "../request/forms";
import type { RequestView } from "../request/request-page";

/** What the requesting agency may do in the request's state: answer the open question, extend a preservation, withdraw. */
export function RequesterActions({ view }: { view: RequestView }) {
  const { request } = view;
  const open = OPEN_STATUSES.includes(request.status);
  const question = request.status === "AWAITING_CLARIFICATION"
    ? request.clarifications?.find((c) => c.answer === undefined) : undefined;
  const extendable = request.filing.type === "preservation" && request.preservation && !request.preservation.extended
    && ["ACCEPTED", "AWAITING_CLARIFICATION", "ANSWERED"].includes(request.status);
  if (!open && !extendable) return <p class="muted">Nothing: the request is {request.status.toLowerCase()}.</p>;
  return (
    <>
      {question && <AnswerQuestion view={view} question={question} />}
      {extendable && <ExtendPreservation view={view} />}
      {open && <Withdraw view={view} />}
    </>
  );
}

function AnswerQuestion({ view, question }: { view: RequestView; question: Schemas["Clarification"] }) {
  const [answer, setAnswer] = useState("");
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const send = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() =>
      api.POST("/requests/{id}/clarification", { params: { path: { id: view.request.id } }, body: { answer } }));
    if (done) view.done("Your answer was sent; the request is accepted again and its response clock runs on.");
  };
  return (
    <form class="card" noValidate onSubmit={send} aria-labelledby="answer-question">
      <h3 id="answer-question">Answer the contact point's question</h3>
      <blockquote class="text">{question.question}</blockquote>
      <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} shownPointers={["/answer"]} /></div>
      <TextArea label="Your answer" required value={answer} onValue={setAnswer} error={fieldError(action.problem, "/answer")}
        hint="The response clock stands still until you answer; it runs on from where it stopped." />
      <button type="submit" class="primary">Send the answer</button> <Busy busy={action.busy} text="Sending…" />
    </form>
  );
}

function ExtendPreservation({ view }: { view: RequestView }) {
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const extend = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() =>
      api.POST("/requests/{id}/preservation-extension", { params: { path: { id: view.request.id } }, body: {} }));
    if (done) view.done("The preservation was extended.");
  };
  return (
    <form class="card" noValidate onSubmit={extend} aria-labelledby="extend">
      <h3 id="extend">Extend the preservation</h3>
      <p>Once only, by what the preservation rule allows (30 days under Budapest Art. 29(7) and Reg. 2023/1543 Art. 11(1)).</p>
      <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} /></div>
      <button type="submit">Extend the preservation</button> <Busy busy={action.busy} text="Extending…" />
    </form>
  );
}

function Withdraw({ view }: { view: RequestView }) {
  const [reason, setReason] = useState("");
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const withdraw = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() =>
      api.POST("/requests/{id}/withdrawal", { params: { path: { id: view.request.id } }, body: { reason } }));
    if (done) view.done("The request was withdrawn; the contact point is told.");
  };
  return (
    <details class="card">
      <summary>Withdraw the request</summary>
      <form noValidate onSubmit={withdraw}>
        <p>The contact point is told; the request cannot be reopened.</p>
        <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} shownPointers={["/reason"]} /></div>
        <TextArea label="Reason for withdrawing" required value={reason} onValue={setReason} error={fieldError(action.problem, "/reason")} />
        <button type="submit" class="danger">Withdraw request</button> <Busy busy={action.busy} text="Withdrawing…" />
      </form>
    </details>
  );
}
